// A raw type spelled as PostgreSQL also accepts it (`int4`, `varchar(10)[]`,
// `timestamptz(3)`, `pg_catalog.int8range`, `numeric(10, 2) ARRAY`) reads
// back from the catalog in format_type's spelling (`integer`, `character
// varying(10)[]`, …), and was compared with it as text: check was never clean
// after the upgrade that made the column.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { postgresqlDialect } from '../../src/dialect/postgresql/dialect.js'
import { postgresTypeFromCatalog } from '../../src/dialect/postgresql/introspect-types.js'
import { postgresStoredType } from '../../src/dialect/postgresql/stored-type.js'
import type { ColumnType } from '../../src/schema/types.js'

const hooks = postgresqlDialect.diffHooks
const keyOf = (type: ColumnType): string => hooks.typeKey({ name: 'c', type })
const raw = (sql: string): ColumnType => ({ kind: 'raw', sql })

/** A raw declaration and what format_type printed for a column declared so (PostgreSQL 15). */
const REPORTED: readonly (readonly [string, string])[] = [
  ['int', 'integer'],
  ['int4', 'integer'],
  ['INT4', 'integer'],
  ['int2', 'smallint'],
  ['int8', 'bigint'],
  ['float', 'double precision'],
  ['float(1)', 'real'],
  ['float(24)', 'real'],
  ['float(25)', 'double precision'],
  ['float(53)', 'double precision'],
  ['float4', 'real'],
  ['float8', 'double precision'],
  ['double precision', 'double precision'],
  ['Double  Precision', 'double precision'],
  ['bool', 'boolean'],
  ['varchar', 'character varying'],
  ['varchar(10)', 'character varying(10)'],
  ['varchar(10)[]', 'character varying(10)[]'],
  ['VARCHAR( 10 ) [ ]', 'character varying(10)[]'],
  ['char varying(5)', 'character varying(5)'],
  ['nchar varying(3)', 'character varying(3)'],
  ['national character varying(7)', 'character varying(7)'],
  ['char', 'character(1)'],
  ['character', 'character(1)'],
  ['char(3)', 'character(3)'],
  ['nchar(2)', 'character(2)'],
  ['national char', 'character(1)'],
  ['bpchar', 'bpchar'],
  ['bpchar(3)', 'character(3)'],
  ['decimal', 'numeric'],
  ['decimal(10,2)', 'numeric(10,2)'],
  ['dec(10)', 'numeric(10,0)'],
  ['numeric(10, 2) ARRAY', 'numeric(10,2)[]'],
  ['numeric(10) array[4]', 'numeric(10,0)[]'],
  ['numeric(10,2)[][]', 'numeric(10,2)[]'],
  ['timestamp', 'timestamp without time zone'],
  ['timestamp(3)', 'timestamp(3) without time zone'],
  ['timestamptz', 'timestamp with time zone'],
  ['timestamptz(3)', 'timestamp(3) with time zone'],
  ['Timestamp With Time Zone', 'timestamp with time zone'],
  ['timestamp(3) with time zone[]', 'timestamp(3) with time zone[]'],
  ['timestamptz[]', 'timestamp with time zone[]'],
  ['time', 'time without time zone'],
  ['time(2)', 'time(2) without time zone'],
  ['time(3)[]', 'time(3) without time zone[]'],
  ['timetz', 'time with time zone'],
  ['timetz(2)', 'time(2) with time zone'],
  ['interval(3)', 'interval(3)'],
  ['INTERVAL  DAY TO SECOND ( 3 )', 'interval day to second(3)'],
  ['interval(3) array', 'interval(3)[]'],
  ['bit', 'bit(1)'],
  ['bit[]', 'bit(1)[]'],
  ['varbit', 'bit varying'],
  ['varbit(5)', 'bit varying(5)'],
  ['float(24)[]', 'real[]'],
  ['double precision array', 'double precision[]'],
  ['int4[3][3]', 'integer[]'],
  ['integer array', 'integer[]'],
  ['pg_catalog.int8range', 'int8range'],
  ['pg_catalog.int4', 'integer'],
  ['pg_catalog.varchar(10)', 'character varying(10)'],
  ['pg_catalog.timestamptz(3)', 'timestamp(3) with time zone'],
  ['pg_catalog.bool', 'boolean'],
  ['pg_catalog.numeric(5,1)', 'numeric(5,1)'],
  ['pg_catalog.bpchar(3)', 'character(3)'],
  ['pg_catalog.int2[]', 'smallint[]'],
  ['pg_catalog.text[]', 'text[]'],
]

describe('postgresql: the key of a raw type', () => {
  test("is that of the type format_type reports for it, and format_type's spelling is its own", () => {
    for (const [declared, reported] of REPORTED) {
      assert.equal(postgresStoredType(declared), reported, declared)
      assert.equal(keyOf(raw(declared)), keyOf(postgresTypeFromCatalog(reported)), declared)
      assert.equal(postgresStoredType(reported) ?? reported, reported, reported)
    }
  })

  test('tells a real change of type apart', () => {
    for (const [a, b] of [
      ['varchar(10)', 'varchar(20)'],
      ['varchar(10)', 'character varying(20)'],
      ['varchar(10)', 'varchar(10)[]'],
      ['int4', 'int8'],
      ['int4', 'int4[]'],
      ['int2', 'integer'],
      ['timestamp', 'timestamptz'],
      ['timestamp(3)', 'timestamptz(3)'],
      ['timestamptz(3)', 'timestamptz(6)'],
      ['timestamptz', 'timestamptz(3)'],
      ['time', 'timetz'],
      ['numeric(10,2)', 'numeric(10,3)'],
      ['numeric(10,2)', 'decimal(10,2)[]'],
      ['numeric', 'numeric(10)'],
      ['float(24)', 'float(25)'],
      ['float4', 'float8'],
      ['char', 'char(2)'],
      ['char', 'bpchar'],
      ['char', '"char"'],
      ['bit', 'bit(2)'],
      ['bit', 'varbit'],
      ['interval', 'interval(3)'],
      ['interval day', 'interval day to second'],
      ['bool', 'int4'],
      ['int8range', 'int4range'],
      ['pg_catalog.int8range', 'int4range'],
    ] as const) {
      assert.notEqual(keyOf(raw(a)), keyOf(raw(b)), `${a} vs ${b}`)
    }
  })

  test('of a type PostgreSQL does not spell otherwise stays its text: case folded unquoted, schema as written', () => {
    assert.equal(postgresStoredType('geometry(Point, 4326)'), undefined)
    assert.equal(postgresStoredType('public.mood'), undefined)
    assert.equal(postgresStoredType('"Mood"'), undefined)
    assert.equal(keyOf(raw('geometry')), 'GEOMETRY')
    assert.equal(keyOf(raw('Mood')), keyOf(raw('mood')))
    assert.notEqual(keyOf(raw('"Mood"')), keyOf(raw('mood')))
    assert.equal(keyOf(raw('"order"[]')), keyOf(raw('order[]')))
    assert.equal(keyOf(raw('int8range')), 'INT8RANGE')
  })
})
