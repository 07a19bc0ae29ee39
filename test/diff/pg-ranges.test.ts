import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { renderScript } from '../../src/ops/render-script.js'
import { renderObjects } from '../../src/models/render-objects.js'
import type { RenderImports } from '../../src/ops/render-value.js'
import { pgRange } from '../../src/models/pg-range.js'
import { pgComposite } from '../../src/models/pg-composite.js'
import { defineModels } from '../../src/models/define.js'
import { table } from '../../src/models/table.js'
import { col } from '../../src/models/column.js'
import type { RangeType } from '../../src/schema/pg-range.js'
import type { Table } from '../../src/schema/types.js'
import { noSchemaObjects, type SchemaObjects } from '../../src/schema/pg-objects.js'

const hooks = diffHooksFor('postgresql')
const ops = (current: RangeType[], target: RangeType[], tables: Table[] = [], more: Partial<SchemaObjects> = {}) =>
  autogenerate(tables, tables, {
    hooks,
    objects: { current: { ...noSchemaObjects, ranges: current }, target: { ...noSchemaObjects, ranges: target, ...more } },
  })

/** As PostgreSQL reads it back: format_type's spelling, defaults left out. */
const stored: RangeType = { name: 'floatrange', subtype: 'double precision', subtypeDiff: 'float8mi' }
const modelled = (options: Parameters<typeof pgRange>[1]) => {
  const { objectKind: _, column: _column, multirangeColumn: _multirange, ...type } = pgRange('floatrange', options)
  return type
}
const spans: Table = { name: 'spans', columns: [{ name: 'span', type: { kind: 'raw', sql: 'floatrange' } }] }

describe('range types, compared', () => {
  test('as the models write them and as PostgreSQL reads them back are no change', async () => {
    assert.deepEqual(await ops([stored], [modelled({ subtype: 'FLOAT8', subtypeDiff: 'pg_catalog.float8mi' })]), [])
    assert.deepEqual(
      await ops([stored], [modelled({ subtype: 'float8', subtypeDiff: 'float8mi', multirangeTypeName: 'floatmultirange' })]),
      [],
    )
  })

  test('a new one is created and a removed one dropped, its definition kept for the downgrade', async () => {
    const { upgrades, downgrades } = renderScript(await ops([], [stored]))
    assert.equal(upgrades, "  await op.createRangeType('floatrange', { subtype: 'double precision', subtypeDiff: 'float8mi' })")
    assert.equal(
      downgrades,
      "  await op.dropRangeType('floatrange', { existing: { name: 'floatrange', subtype: 'double precision', subtypeDiff: 'float8mi' } })",
    )
    const dropped = await ops([stored], [])
    assert.deepEqual(dropped, [{ kind: 'drop_range_type', name: 'floatrange', existing: stored }])
    assert.deepEqual(reverseOperation(dropped[0]!), { kind: 'create_range_type', type: stored })
  })

  test('a changed definition no column uses is dropped and created again, and its downgrade puts the old one back', async () => {
    const found = await ops([stored], [modelled({ subtype: 'numeric' })])
    assert.deepEqual(
      found.map((o) => o.kind),
      ['drop_range_type', 'create_range_type'],
    )
    const { downgrades } = renderScript(found)
    assert.match(downgrades, /^ {2}await op\.dropRangeType\('floatrange', \{ existing: \{ name: 'floatrange', subtype: 'numeric' \} \}\)\n/)
    assert.match(downgrades, /\n {2}await op\.createRangeType\('floatrange', \{ subtype: 'double precision', subtypeDiff: 'float8mi' \}\)$/)
  })

  test('a changed definition a column uses is refused, naming the type, the change and the column', async () => {
    await assert.rejects(
      ops([stored], [modelled({ subtype: 'float8' })], [spans]),
      (error: Error & { code?: string }) =>
        error.code === 'TYPE_IN_USE' &&
        /range type "floatrange" changed \(subtype_diff float8mi -> \(none\)\)/.test(error.message) &&
        /column "span" of table "spans" uses it/.test(error.message),
    )
    const multirange: Table = { name: 'plans', schema: 'app', columns: [{ name: 'free', type: { kind: 'raw', sql: 'floatmultirange[]' } }] }
    await assert.rejects(ops([stored], [modelled({ subtype: 'numeric' })], [multirange]), /column "free" of table "app\.plans"/)
  })

  test('made after the enum types they range over and before the composite types that hold them; dropped in reverse', async () => {
    const mood = { name: 'mood', values: ['sad', 'ok'] }
    const moods: RangeType = { name: 'moodrange', subtype: 'mood' }
    const { objectKind: _, column: _c, ...pair } = pgComposite('pair', { span: 'moodrange' })
    const up = await ops([], [moods], [], { enums: [mood], composites: [pair] })
    assert.deepEqual(
      up.map((o) => o.kind),
      ['create_enum', 'create_range_type', 'create_composite_type'],
    )
    const down = await autogenerate([], [], {
      hooks,
      objects: { current: { ...noSchemaObjects, enums: [mood], ranges: [moods], composites: [pair] }, target: noSchemaObjects },
    })
    assert.deepEqual(
      down.map((o) => o.kind),
      ['drop_composite_type', 'drop_range_type', 'drop_enum'],
    )
  })
})

describe('range types, as SQL', () => {
  test('PostgreSQL creates them with every option and drops them; the others refuse them', () => {
    const sql = (op: Parameters<typeof postgresCompiler.compileSql>[0]) => postgresCompiler.compileSql(op, 'offline').map((s) => s.sql)
    assert.deepEqual(sql({ kind: 'create_range_type', type: { name: 'floatrange', subtype: 'float8' } }), [
      'CREATE TYPE "floatrange" AS RANGE (SUBTYPE = float8)',
    ])
    const full: RangeType = {
      name: 'Text Range',
      schema: 'geo',
      subtype: 'text',
      subtypeOpclass: 'text_pattern_ops',
      collation: 'C',
      canonical: 'geo.text_canonical',
      subtypeDiff: 'geo.text_diff',
      multirangeTypeName: 'Text Ranges',
    }
    assert.deepEqual(sql({ kind: 'create_range_type', type: full }), [
      'CREATE TYPE "geo"."Text Range" AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops, COLLATION = "C", ' +
        'CANONICAL = geo.text_canonical, SUBTYPE_DIFF = geo.text_diff, MULTIRANGE_TYPE_NAME = "geo"."Text Ranges")',
    ])
    assert.deepEqual(sql({ kind: 'drop_range_type', name: 'floatrange', schema: 'geo' }), ['DROP TYPE "geo"."floatrange"'])
    for (const compiler of [mysqlCompiler, sqliteCompiler]) {
      assert.throws(
        () => compiler.compileSql({ kind: 'create_range_type', type: full }, 'offline'),
        /create_range_type is PostgreSQL only: (MySQL\/MariaDB|SQLite) has no such object/,
      )
    }
  })

  test('a drop without its definition is refused as irreversible', () => {
    assert.throws(() => reverseOperation({ kind: 'drop_range_type', name: 'floatrange' }), /IRREVERSIBLE|range type "floatrange"/)
  })
})

describe('range types, in the models', () => {
  test('pgRange keeps its options, gives columns its name and its multirange, and defineModels collects it', () => {
    const floatrange = pgRange('floatrange', { subtype: 'float8', subtypeDiff: 'float8mi', schema: 'geo' })
    const named = pgRange('span', { subtype: 'int4', multirangeTypeName: 'spans' })
    const plans = table('plans', {
      id: col.integer().primaryKey(),
      span: floatrange.column(),
      past: floatrange.column({ array: true }),
      free: floatrange.multirangeColumn(),
      other: pgRange('span', { subtype: 'int4' }).multirangeColumn(),
      mine: named.multirangeColumn(),
    })
    assert.deepEqual(
      plans.columns.slice(1).map((c) => c.type),
      ['geo.floatrange', 'geo.floatrange[]', 'geo.floatmultirange', 'span_multirange', 'spans'].map((sql) => ({ kind: 'raw', sql })),
    )
    assert.deepEqual(defineModels(floatrange, plans).ranges, [
      { name: 'floatrange', schema: 'geo', subtype: 'float8', subtypeDiff: 'float8mi' },
    ])
    assert.throws(() => pgRange('empty', { subtype: ' ' }), /range type "empty" has no subtype/)
  })

  test('pull writes pgRange with its options and gives its columns .column()', () => {
    const imports: RenderImports = { names: new Set() }
    const { blocks, used, enumColumns } = renderObjects(
      { ...noSchemaObjects, ranges: [stored, { name: 'textrange', schema: 'geo', subtype: 'text', collation: 'C' }] },
      (n) => n,
      imports,
    )
    assert.deepEqual(blocks, [
      "export const floatrange = pgRange('floatrange', { subtype: 'double precision', subtypeDiff: 'float8mi' })",
      "export const geo_textrange = pgRange('textrange', { schema: 'geo', subtype: 'text', collation: 'C' })",
    ])
    assert.deepEqual(used, ['pgRange'])
    assert.equal(enumColumns.get('floatrange'), 'floatrange')
  })
})
