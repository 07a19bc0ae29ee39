import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed, dialects } from '../../src/dialect/registry.js'

const compilers = { sqlite: dialects.sqlite.compiler, postgresql: dialects.postgresql.compiler, mysql: dialects.mysql.compiler }
const getCompiler = (name: string) => dialectNamed(name).compiler
import type { RowValue } from '../../src/ops/operation.js'
import { isAthanorError } from '../../src/core/errors.js'

const date = new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 5))
const cases: [string, RowValue, { sqlite: string; postgresql: string; mysql: string }][] = [
  ['quote', "it's", { sqlite: "'it''s'", postgresql: "'it''s'", mysql: "'it''s'" }],
  ['backslash', 'a\\b', { sqlite: "'a\\b'", postgresql: "E'a\\\\b'", mysql: "'a\\\\b'" }],
  ['backslash before quote', "\\'", { sqlite: "'\\'''", postgresql: "E'\\\\'''", mysql: "'\\\\'''" }],
  ['unicode', 'žluť 🚀 “q”', { sqlite: "'žluť 🚀 “q”'", postgresql: "'žluť 🚀 “q”'", mysql: "'žluť 🚀 “q”'" }],
  ['newline and semicolon', "a;\n--'", { sqlite: "'a;\n--'''", postgresql: "'a;\n--'''", mysql: "'a;\n--'''" }],
  ['null', null, { sqlite: 'NULL', postgresql: 'NULL', mysql: 'NULL' }],
  ['true', true, { sqlite: '1', postgresql: 'TRUE', mysql: '1' }],
  ['false', false, { sqlite: '0', postgresql: 'FALSE', mysql: '0' }],
  ['negative float', -1.25, { sqlite: '-1.25', postgresql: '-1.25', mysql: '-1.25' }],
  ['bigint', 12345678901234567890n, { sqlite: '12345678901234567890', postgresql: '12345678901234567890', mysql: '12345678901234567890' }],
  ['date', date, { sqlite: "'2024-12-31 23:59:59.005'", postgresql: "'2024-12-31 23:59:59.005+00'", mysql: "'2024-12-31 23:59:59.005'" }],
  ['bytes', new Uint8Array([0, 39, 92, 255]), { sqlite: "X'00275cff'", postgresql: "decode('00275cff', 'hex')", mysql: "X'00275cff'" }],
  ['empty bytes', new Uint8Array([]), { sqlite: "X''", postgresql: "decode('', 'hex')", mysql: "X''" }],
  ['empty string', '', { sqlite: "''", postgresql: "''", mysql: "''" }],
]

describe('literals', () => {
  for (const [label, value, expected] of cases) {
    test(label, () => {
      for (const [name, compiler] of Object.entries(compilers)) {
        assert.equal(compiler.renderLiteral(value), expected[name as keyof typeof expected], name)
      }
    })
  }

  test('NUL: refused where it cannot be stored, escaped on MySQL', () => {
    assert.throws(
      () => compilers.sqlite.renderLiteral('a\0b'),
      (e) => isAthanorError(e, 'UNSUPPORTED_LITERAL'),
    )
    assert.throws(
      () => compilers.postgresql.renderLiteral('a\\\0b'),
      (e) => isAthanorError(e, 'UNSUPPORTED_LITERAL'),
    )
    assert.equal(compilers.mysql.renderLiteral('a\0b'), "'a\\0b'")
  })

  test('non-finite numbers and invalid dates are refused', () => {
    for (const compiler of Object.values(compilers)) {
      assert.throws(
        () => compiler.renderLiteral(Number.NaN),
        (e) => isAthanorError(e, 'UNSUPPORTED_LITERAL'),
      )
      assert.throws(
        () => compiler.renderLiteral(Infinity),
        (e) => isAthanorError(e, 'UNSUPPORTED_LITERAL'),
      )
      assert.throws(
        () => compiler.renderLiteral(new Date('nope')),
        (e) => isAthanorError(e, 'UNSUPPORTED_LITERAL'),
      )
    }
  })
})

describe('identifiers', () => {
  test('quoted the dialect way, quotes doubled', () => {
    assert.equal(compilers.sqlite.quoteIdentifier('a"b`c'), '"a""b`c"')
    assert.equal(compilers.postgresql.quoteIdentifier('a"b`c'), '"a""b`c"')
    assert.equal(compilers.mysql.quoteIdentifier('a"b`c'), '`a"b``c`')
    assert.equal(compilers.postgresql.quoteTable({ schema: 'my schema', table: 'order' }), '"my schema"."order"')
    assert.equal(compilers.mysql.quoteTable({ schema: 'db', table: 'select' }), '`db`.`select`')
  })

  test('empty and NUL-containing names are refused', () => {
    for (const compiler of Object.values(compilers)) {
      assert.throws(
        () => compiler.quoteIdentifier(''),
        (e) => isAthanorError(e, 'INVALID_IDENTIFIER'),
      )
      assert.throws(
        () => compiler.quoteIdentifier('a\0'),
        (e) => isAthanorError(e, 'INVALID_IDENTIFIER'),
      )
    }
    assert.throws(
      () => compilers.mysql.quoteIdentifier('x'.repeat(65)),
      (e) => isAthanorError(e, 'IDENTIFIER_TOO_LONG'),
    )
  })
})

describe('compilers', () => {
  test('getCompiler by name; mariadb is mysql; unknown names are refused', () => {
    assert.equal(getCompiler('sqlite').dialect, 'sqlite')
    assert.equal(getCompiler('mariadb'), compilers.mysql)
    assert.throws(
      () => getCompiler('oracle'),
      (e) => isAthanorError(e, 'UNSUPPORTED_DIALECT'),
    )
    assert.throws(
      () => getCompiler('constructor'),
      (e) => isAthanorError(e, 'UNSUPPORTED_DIALECT'),
    )
  })

  test('traits', () => {
    assert.equal(compilers.sqlite.traits.transactionalDdl, true)
    assert.equal(compilers.postgresql.traits.transactionalDdl, true)
    assert.equal(compilers.mysql.traits.transactionalDdl, false)
    assert.equal(compilers.sqlite.traits.alterColumn, false)
  })

  test('version table, as Alembic writes it', () => {
    const pg = compilers.postgresql.versionTable
    assert.deepEqual(pg.create('athanor_version'), {
      sql:
        'CREATE TABLE "athanor_version" ("version_num" VARCHAR(32) NOT NULL, ' +
        'CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"))',
    })
    assert.deepEqual(pg.create({ table: 'alembic_version', schema: 'meta' }), {
      sql:
        'CREATE TABLE "meta"."alembic_version" ("version_num" VARCHAR(32) NOT NULL, ' +
        'CONSTRAINT "alembic_version_pkc" PRIMARY KEY ("version_num"))',
    })
    const my = compilers.mysql.versionTable
    assert.equal(my.insert('v', 'ae10').sql, "INSERT INTO `v` (`version_num`) VALUES ('ae10')")
    assert.equal(my.delete('v', 'ae10').sql, "DELETE FROM `v` WHERE `version_num` = 'ae10'")
    assert.equal(my.update('v', 'ae10', "b'c").sql, "UPDATE `v` SET `version_num` = 'b''c' WHERE `version_num` = 'ae10'")
    assert.equal(my.select('v').sql, 'SELECT `version_num` FROM `v`')
  })

  test('execute passes SQL through unchanged in both modes', () => {
    for (const compiler of Object.values(compilers)) {
      for (const mode of ['online', 'offline'] as const) {
        assert.deepEqual(compiler.compileSql({ kind: 'execute', sql: "SELECT 'x;y'" }, mode), [{ sql: "SELECT 'x;y'" }])
      }
    }
  })
})
