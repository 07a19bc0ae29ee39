import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { mysqlCompiler as c } from '../../src/dialect/mysql/compiler.js'
import { hasSequences, mariadbSequence, mysqlSequencesRefused } from '../../src/dialect/mysql/sequences.js'
import { mysqlStoredDefault } from '../../src/dialect/mysql/stored-default.js'
import type { Queryable } from '../../src/dialect/introspector.js'
import { sqlOf } from './helpers.js'

describe('mariadb: sequences in SQL', () => {
  test('CREATE SEQUENCE writes every option given, and the cache always (MariaDB would cache 1000)', () => {
    const sequence = { name: 'order_no', start: 100, increment: 5, minValue: 1, maxValue: 1000000, cache: 10, cycle: true }
    assert.deepEqual(sqlOf(c, { kind: 'create_sequence', sequence }), [
      'CREATE SEQUENCE `order_no` INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000000 START WITH 100 CACHE 10 CYCLE',
    ])
    assert.deepEqual(sqlOf(c, { kind: 'create_sequence', sequence: { name: 'plain' } }), ['CREATE SEQUENCE `plain` CACHE 1'])
  })

  test('ALTER SEQUENCE sets what changed, NOCYCLE and NO MAXVALUE for defaults, and restarts only when told', () => {
    const changes = { increment: 7, maxValue: null, cache: null, cycle: false } as const
    assert.deepEqual(sqlOf(c, { kind: 'alter_sequence', name: 'order_no', changes }), [
      'ALTER SEQUENCE `order_no` INCREMENT BY 7 NO MAXVALUE CACHE 1 NOCYCLE',
    ])
    assert.deepEqual(sqlOf(c, { kind: 'alter_sequence', name: 'n', changes: { start: 5 } }), ['ALTER SEQUENCE `n` START WITH 5'])
    assert.deepEqual(sqlOf(c, { kind: 'alter_sequence', name: 'n', changes: { increment: -1, restart: true } }), [
      'ALTER SEQUENCE `n` INCREMENT BY -1 RESTART',
    ])
  })

  test('DROP SEQUENCE, and a rename as RENAME TABLE', () => {
    assert.deepEqual(sqlOf(c, { kind: 'drop_sequence', name: 'order_no' }), ['DROP SEQUENCE `order_no`'])
    assert.deepEqual(sqlOf(c, { kind: 'rename_sequence', name: 'a', newName: 'b' }), ['RENAME TABLE `a` TO `b`'])
  })

  test('a type other than bigint, an owner, or options MariaDB refuses fail where compiled, naming the sequence', () => {
    const refused = (sequence: object, pattern: RegExp) =>
      assert.throws(
        () => sqlOf(c, { kind: 'create_sequence', sequence: { name: 'n', ...sequence } }),
        (e) => isAthanorError(e) && pattern.test(e.message),
      )
    refused({ type: 'smallint' }, /^sequence n: MariaDB counts a sequence in bigint only, not smallint$/)
    refused({ ownedBy: 't.id' }, /^sequence n: OWNED BY is PostgreSQL only/)
    refused({ increment: 0 }, /^sequence n: increment 0/)
    assert.deepEqual(sqlOf(c, { kind: 'create_sequence', sequence: { name: 'n', type: 'bigint' } }), ['CREATE SEQUENCE `n` CACHE 1'])
  })

  test('a column default drawing from a sequence is written in parentheses', () => {
    const table = {
      name: 't',
      columns: [{ name: 'id', type: { kind: 'bigint' }, serverDefault: { kind: 'expression', sql: 'NEXT VALUE FOR s' } }],
    } as const
    assert.deepEqual(sqlOf(c, { kind: 'create_table', table }), [
      'CREATE TABLE `t` (\n  `id` BIGINT DEFAULT (NEXT VALUE FOR s)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
    ])
  })
})

describe('mariadb: sequences read from the catalog', () => {
  test("a sequence's row without MariaDB's defaults; NOCACHE reads as cache 1, the models' default", () => {
    const up = { min: '1', max: '9223372036854775806' }
    assert.deepEqual(mariadbSequence({ name: 'n', start: '100', ...up, increment: '5', cache: 10, cycle: 1 }), {
      name: 'n',
      start: 100,
      increment: 5,
      cache: 10,
      cycle: true,
    })
    assert.deepEqual(mariadbSequence({ name: 'p', start: '1', ...up, increment: '1', cache: 1000, cycle: 0 }), { name: 'p', cache: 1000 })
    assert.deepEqual(mariadbSequence({ name: 'q', start: '1', ...up, increment: '1', cache: 0, cycle: 0 }), { name: 'q' })
    const down = { min: '-9223372036854775807', max: '-1' }
    assert.deepEqual(mariadbSequence({ name: 'd', start: '-1', ...down, increment: '-1', cache: 1, cycle: 0 }), {
      name: 'd',
      increment: -1,
    })
    assert.deepEqual(mariadbSequence({ name: 'b', start: '10', min: '10', max: '50', increment: '1', cache: 1, cycle: 0 }), {
      name: 'b',
      minValue: 10,
      maxValue: 50,
    })
  })

  test("MariaDB's spellings of a draw from a sequence compare as the one it stores", () => {
    for (const sql of ['NEXT VALUE FOR s', 'next value for `s`', 'NEXTVAL(s)', '(nextval(`s`))']) {
      assert.deepEqual(mysqlStoredDefault({ kind: 'expression', sql }), { kind: 'expression', sql: 'nextval(`s`)' }, sql)
    }
  })

  test('MariaDB 10.3+ has sequences, MySQL none; the refusal names the server', async () => {
    assert.equal(hasSequences('10.11.6-MariaDB'), true)
    assert.equal(hasSequences('10.2.44-MariaDB'), false)
    assert.equal(hasSequences('8.0.36'), false)
    const server = (version: string): Queryable => ({ query: async () => [{ version }] }) as unknown as Queryable
    assert.equal(await mysqlSequencesRefused(server('8.0.36')), 'MySQL 8.0.36')
    assert.equal(await mysqlSequencesRefused(server('10.11.6-MariaDB')), undefined)
  })
})
