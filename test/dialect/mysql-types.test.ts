import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { mysqlCompiler as c } from '../../src/dialect/mysql/compiler.js'
import { mysqlDefaultFromCatalog, mysqlTypeFromCatalog } from '../../src/dialect/mysql/introspect-types.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { col, table } from '../../src/models/index.js'
import type { ColumnType } from '../../src/schema/types.js'
import { sqlOf } from './helpers.js'

/** Each type as written by the compiler and as the server reports it in COLUMN_TYPE. */
const TYPES: readonly (readonly [ColumnType, string, string])[] = [
  [{ kind: 'tinyint', unsigned: true }, 'TINYINT UNSIGNED', 'tinyint(3) unsigned'],
  [{ kind: 'tinyint' }, 'TINYINT', 'tinyint(4)'],
  [{ kind: 'smallint', unsigned: true }, 'SMALLINT UNSIGNED', 'smallint(5) unsigned'],
  [{ kind: 'mediumint' }, 'MEDIUMINT', 'mediumint(9)'],
  [{ kind: 'integer', unsigned: true, zerofill: true, width: 5 }, 'INT(5) UNSIGNED ZEROFILL', 'int(5) unsigned zerofill'],
  [{ kind: 'bigint', unsigned: true }, 'BIGINT UNSIGNED', 'bigint(20) unsigned'],
  [{ kind: 'boolean' }, 'TINYINT(1)', 'tinyint(1)'],
  [{ kind: 'numeric', precision: 8, scale: 3, unsigned: true }, 'DECIMAL(8, 3) UNSIGNED', 'decimal(8,3) unsigned'],
  [{ kind: 'real' }, 'FLOAT', 'float'],
  [{ kind: 'double' }, 'DOUBLE', 'double'],
  [{ kind: 'timestamp', precision: 0 }, 'DATETIME', 'datetime'],
  [{ kind: 'timestamp', precision: 3 }, 'DATETIME(3)', 'datetime(3)'],
  [{ kind: 'timestamp' }, 'DATETIME(6)', 'datetime(6)'],
  [{ kind: 'timestamp', precision: 0, mysql: { timestamp: true } }, 'TIMESTAMP', 'timestamp'],
  [{ kind: 'time', precision: 3 }, 'TIME(3)', 'time(3)'],
  [{ kind: 'time' }, 'TIME', 'time'],
  [{ kind: 'string', length: 3, fixed: true }, 'CHAR(3)', 'char(3)'],
  [{ kind: 'text', size: 'tiny' }, 'TINYTEXT', 'tinytext'],
  [{ kind: 'text', size: 'medium' }, 'MEDIUMTEXT', 'mediumtext'],
  [{ kind: 'text', size: 'long' }, 'LONGTEXT', 'longtext'],
  [{ kind: 'binary', length: 16, fixed: true }, 'BINARY(16)', 'binary(16)'],
  [{ kind: 'binary', length: 32 }, 'VARBINARY(32)', 'varbinary(32)'],
  [{ kind: 'binary', size: 'medium' }, 'MEDIUMBLOB', 'mediumblob'],
  [{ kind: 'binary' }, 'BLOB', 'blob'],
  [{ kind: 'enum', values: ['Happy', 'sad'] }, "ENUM('Happy', 'sad')", "enum('Happy','sad')"],
  [{ kind: 'set', values: ['Red', 'green', "it's"] }, "SET('Red', 'green', 'it''s')", "set('Red','green','it''s')"],
  [{ kind: 'raw', sql: 'BIT(8)' }, 'BIT(8)', 'bit(8)'],
  [{ kind: 'raw', sql: 'YEAR(4)' }, 'YEAR(4)', 'year(4)'],
]

describe('mysql: types as declared', () => {
  test('each type is written as MySQL spells it and read back from COLUMN_TYPE as the same type', () => {
    for (const [type, written, reported] of TYPES) {
      assert.equal(c.renderType(type), written, JSON.stringify(type))
      assert.deepEqual(mysqlTypeFromCatalog(reported), type, reported)
    }
  })

  test('ZEROFILL without a width pads to the width the server reports for it', () => {
    assert.equal(c.renderType({ kind: 'smallint', zerofill: true }), 'SMALLINT(5) UNSIGNED ZEROFILL')
  })

  test('a type athanor has no name for stays raw, upper-cased', () => {
    assert.deepEqual(mysqlTypeFromCatalog('geometry'), { kind: 'raw', sql: 'GEOMETRY' })
  })

  test('CHAR(0) and its kin stay raw: a model length is at least 1, and pull must write models that load', () => {
    for (const reported of ['char(0)', 'varchar(0)', 'binary(0)', 'varbinary(0)']) {
      assert.deepEqual(mysqlTypeFromCatalog(reported), { kind: 'raw', sql: reported.toUpperCase() })
    }
    assert.deepEqual(mysqlTypeFromCatalog('char(1)'), { kind: 'string', length: 1, fixed: true })
  })

  test('ON UPDATE and CURRENT_TIMESTAMP follow the column precision; a collation is written after the type', () => {
    const t = table('t', {
      id: col.tinyint().unsigned().primaryKey().autoincrement(),
      changed: col.timestamp({ precision: 3, onUpdateNow: true, mysql: { timestamp: true } }).default({ kind: 'expression', sql: 'now()' }),
      plain: col.timestamp({ precision: 0 }).notNull().default({ kind: 'expression', sql: 'current_timestamp()' }),
      code: col.string(20).collate('utf8mb4_bin'),
    })
    assert.deepEqual(sqlOf(c, { kind: 'create_table', table: t }), [
      [
        'CREATE TABLE `t` (',
        '  `id` TINYINT UNSIGNED NOT NULL AUTO_INCREMENT,',
        '  `changed` TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),',
        '  `plain` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,',
        '  `code` VARCHAR(20) COLLATE `utf8mb4_bin`,',
        '  PRIMARY KEY (`id`)',
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
      ].join('\n'),
    ])
  })

  test('PostgreSQL refuses what only MySQL has, naming the column', () => {
    for (const type of [
      { kind: 'integer', unsigned: true },
      { kind: 'set', values: ['a'] },
    ] as const) {
      assert.throws(
        () => postgresCompiler.renderType(type, { table: 'items', column: 'n' }),
        (e) => isAthanorError(e, 'UNSUPPORTED_COLUMN') && e.message.includes('column "n" of table "items"'),
      )
    }
  })
})

describe('mysql: string defaults read back from COLUMN_DEFAULT', () => {
  test("MariaDB's backslash escapes stand for their characters", () => {
    // COLUMN_DEFAULT as MariaDB 10.11 reports DEFAULT 'a\nb<TAB>c', 'x\\y', 'q''r', 'p\rq' and '50\%'.
    for (const [text, value] of [
      ["'a\\nb\tc'", 'a\nb\tc'],
      ["'x\\\\y'", 'x\\y'],
      ["'q''r'", "q'r"],
      ["'p\\rq'", 'p\rq'],
      ["'nul\\0'", 'nul\0'],
      ["'50\\%'", '50\\%'],
    ] as const) {
      assert.deepEqual(mysqlDefaultFromCatalog(text, '', true), { kind: 'literal', value }, text)
    }
  })
})
