import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { mysqlDialect } from '../../src/dialect/mysql/dialect.js'
import { mysqlTypeFromCatalog } from '../../src/dialect/mysql/introspect-types.js'
import { mysqlStoredType } from '../../src/dialect/mysql/stored-type.js'
import type { Column, ColumnType } from '../../src/schema/types.js'

const hooks = mysqlDialect.diffHooks
const keyOf = (type: ColumnType, nullable?: boolean): string =>
  hooks.typeKey({ name: 'c', type, ...(nullable === undefined ? {} : { nullable }) } satisfies Column)
const raw = (sql: string): ColumnType => ({ kind: 'raw', sql })

/** A raw declaration and the COLUMN_TYPE MariaDB 10.11 reported for a column declared so. */
const REPORTED: readonly (readonly [string, string])[] = [
  ['YEAR', 'year(4)'],
  ['SQL_TSI_YEAR', 'year(4)'],
  ['BIT', 'bit(1)'],
  ['BOOL', 'tinyint(1)'],
  ['BOOLEAN', 'tinyint(1)'],
  ['INTEGER', 'int(11)'],
  ['INTEGER UNSIGNED', 'int(10) unsigned'],
  ['INT SIGNED', 'int(11)'],
  ['INT4', 'int(11)'],
  ['INT8', 'bigint(20)'],
  ['INT1', 'tinyint(4)'],
  ['INT2', 'smallint(6)'],
  ['MIDDLEINT', 'mediumint(9)'],
  ['MEDIUMINT(5)', 'mediumint(5)'],
  ['SMALLINT(2) UNSIGNED', 'smallint(2) unsigned'],
  ['BIGINT(30) ZEROFILL', 'bigint(30) unsigned zerofill'],
  ['INT ZEROFILL', 'int(10) unsigned zerofill'],
  ['DEC(5,2)', 'decimal(5,2)'],
  ['DEC', 'decimal(10,0)'],
  ['NUMERIC', 'decimal(10,0)'],
  ['NUMERIC(7)', 'decimal(7,0)'],
  ['FIXED(6, 3)', 'decimal(6,3)'],
  ['DEC(5,2) UNSIGNED', 'decimal(5,2) unsigned'],
  ['DOUBLE PRECISION', 'double'],
  ['REAL', 'double'],
  ['FLOAT8', 'double'],
  ['FLOAT4', 'float'],
  ['FLOAT(10)', 'float'],
  ['FLOAT(30)', 'double'],
  ['FLOAT(7,3)', 'float(7,3)'],
  ['DOUBLE(10,2)', 'double(10,2)'],
  ['CHARACTER VARYING(12)', 'varchar(12)'],
  ['CHAR VARYING(4)', 'varchar(4)'],
  ['CHARACTER(3)', 'char(3)'],
  ['CHAR', 'char(1)'],
  ['BINARY', 'binary(1)'],
  ['LONG VARCHAR', 'mediumtext'],
  ['LONG', 'mediumtext'],
  ['LONG CHAR VARYING', 'mediumtext'],
  ['LONG VARBINARY', 'mediumblob'],
  ['BLOB(100)', 'tinyblob'],
  ['TIMESTAMP NULL', 'timestamp'],
  ['TIMESTAMP(3) NULL', 'timestamp(3)'],
  ['TIME(0)', 'time'],
  ['datetime (6)', 'datetime(6)'],
]

describe('mysql: the key of a raw type', () => {
  test('is that of the type the server reports for it', () => {
    for (const [declared, reported] of REPORTED) {
      assert.equal(mysqlStoredType(declared, true), reported, declared)
      assert.equal(keyOf(raw(declared)), keyOf(mysqlTypeFromCatalog(reported)), declared)
    }
  })

  test('tells a real change of type apart', () => {
    assert.notEqual(keyOf(raw('INTEGER')), keyOf(raw('BIGINT')))
    assert.notEqual(keyOf(raw('CHARACTER VARYING(10)')), keyOf(raw('VARCHAR(20)')))
    assert.notEqual(keyOf(raw('DEC(5,2)')), keyOf(raw('DECIMAL(5,3)')))
    assert.notEqual(keyOf(raw('INTEGER')), keyOf(raw('INTEGER UNSIGNED')))
    assert.notEqual(keyOf(raw('YEAR')), keyOf(raw('YEAR(2)')))
    assert.notEqual(keyOf(raw('BIT')), keyOf(raw('BIT(2)')))
    assert.notEqual(keyOf(raw('FLOAT(24)')), keyOf(raw('FLOAT(25)')))
  })

  test('keeps what the catalog reports apart from the type, so such a column never passes for the plain type', () => {
    for (const [declared, plain] of [
      ['VARCHAR(20) CHARACTER SET latin1', 'varchar(20)'],
      ['NATIONAL VARCHAR(10)', 'varchar(10)'],
      ['NCHAR(5)', 'char(5)'],
      ['VARCHAR(20) BINARY', 'varchar(20)'],
      ['LONG BINARY', 'mediumtext'],
      ['TEXT(100)', 'text'],
      ['SERIAL', 'bigint(20) unsigned'],
      ['INT NOT NULL', 'int(11)'],
      ['INT DEFAULT 1', 'int(11)'],
    ] as const) {
      assert.equal(mysqlStoredType(declared, true), undefined, declared)
      assert.notEqual(keyOf(raw(declared)), keyOf(mysqlTypeFromCatalog(plain)), declared)
    }
    // NULL is what the column is only where it is nullable.
    assert.notEqual(keyOf(raw('TIMESTAMP NULL'), false), keyOf(mysqlTypeFromCatalog('timestamp')))
  })

  test('of a name MySQL does not know is its text, as before', () => {
    assert.equal(keyOf(raw('geometry')), 'GEOMETRY')
    assert.equal(keyOf(raw('constructor')), 'CONSTRUCTOR')
  })
})
