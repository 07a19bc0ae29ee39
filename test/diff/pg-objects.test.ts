import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, defineModels, extension, pgEnum, sequence, table } from '../../src/models/index.js'
import { renderScript } from '../../src/ops/render-script.js'
import { noSchemaObjects, type SchemaObjects } from '../../src/schema/pg-objects.js'
import type { Table } from '../../src/schema/types.js'

const hooks = diffHooksFor('postgresql')
const objectsOf = (m: ReturnType<typeof defineModels>): SchemaObjects => ({
  enums: m.enums ?? [],
  extensions: m.extensions ?? [],
  sequences: m.sequences ?? [],
})

async function script(current: { tables: readonly Table[]; objects: SchemaObjects }, target: ReturnType<typeof defineModels>) {
  const ops = await autogenerate(current.tables, target.tables, { hooks, objects: { current: current.objects, target: objectsOf(target) } })
  return renderScript(ops)
}

const rating = pgEnum('mpaa_rating', ['G', 'PG', 'R'])
const films = table('films', {
  id: col.integer().primaryKey(),
  rating: rating.column().notNull(),
  title: col.raw('citext'),
})
const models = defineModels(extension('citext'), rating, sequence('order_no', { start: 1000 }), films)

describe('autogenerate: PostgreSQL enum types, extensions and sequences', () => {
  test('create: extensions, then types and sequences, then the tables; the downgrade drops them after the tables', async () => {
    const { upgrades, downgrades } = await script({ tables: [], objects: noSchemaObjects }, models)
    assert.equal(
      upgrades,
      [
        "  await op.createExtension('citext')",
        "  await op.createEnum('mpaa_rating', ['G', 'PG', 'R'])",
        "  await op.createSequence('order_no', { start: 1000 })",
        "  await op.createTable('films', [",
        "    { name: 'id', type: 'integer', primaryKey: true },",
        "    { name: 'rating', type: t.raw('mpaa_rating'), nullable: false },",
        "    { name: 'title', type: t.raw('citext') },",
        '  ])',
      ].join('\n'),
    )
    assert.equal(
      downgrades,
      [
        "  await op.dropTable('films')",
        "  await op.dropSequence('order_no', { existing: { name: 'order_no', start: 1000 } })",
        "  await op.dropEnum('mpaa_rating', { values: ['G', 'PG', 'R'] })",
        "  await op.dropExtension('citext')",
      ].join('\n'),
    )
  })

  test('append a label: at the end and between two kept ones', async () => {
    const was = { tables: models.tables, objects: objectsOf(models) }
    const wanted = defineModels(
      extension('citext'),
      pgEnum('mpaa_rating', ['G', 'PG', 'PG-13', 'R', 'NC-17']),
      sequence('order_no', { start: 1000 }),
      films,
    )
    const ops = await autogenerate(was.tables, wanted.tables, { hooks, objects: { current: was.objects, target: objectsOf(wanted) } })
    assert.deepEqual(ops, [
      { kind: 'add_enum_value', name: 'mpaa_rating', value: 'PG-13', before: 'R' },
      { kind: 'add_enum_value', name: 'mpaa_rating', value: 'NC-17' },
    ])
  })

  test('a removed label is never dropped silently: the script says what to write', async () => {
    const current = { ...objectsOf(models), enums: [{ name: 'mpaa_rating', values: ['G', 'PG', 'X', 'R'] }] }
    const ops = await autogenerate(models.tables, models.tables, { hooks, objects: { current, target: objectsOf(models) } })
    assert.equal(ops.length, 1)
    assert.equal(ops[0]?.kind, 'execute')
    assert.match(
      ops[0]?.kind === 'execute' ? ops[0].sql : '',
      /^-- enum mpaa_rating: labels removed or reordered \(G, PG, X, R -> G, PG, R\)/,
    )
  })

  test('drop: types and sequences the models no longer declare, after the tables; extensions last', async () => {
    const ops = await autogenerate(models.tables, [], { hooks, objects: { current: objectsOf(models), target: noSchemaObjects } })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['drop_table', 'drop_enum', 'drop_sequence', 'drop_extension'],
    )
  })

  test('sequence options change, and change back in the downgrade', async () => {
    const wanted = defineModels(extension('citext'), rating, sequence('order_no', { start: 1000, increment: 5, cycle: true }), films)
    const { upgrades, downgrades } = await script({ tables: models.tables, objects: objectsOf(models) }, wanted)
    assert.equal(
      upgrades,
      "  await op.alterSequence('order_no', { increment: 5, cycle: true }, { existing: { name: 'order_no', start: 1000 } })",
    )
    assert.equal(
      downgrades,
      "  await op.alterSequence('order_no', { increment: null, cycle: null }, " +
        "{ existing: { name: 'order_no', start: 1000, increment: 5, cycle: true } })",
    )
  })

  test('a start back at the default is written out, both ways: ALTER SEQUENCE has no NO START', async () => {
    // With `start: null` the statement said nothing of the start, which stayed, and check found it changed after every upgrade.
    const wanted = defineModels(extension('citext'), rating, sequence('order_no'), films)
    const { upgrades, downgrades } = await script({ tables: models.tables, objects: objectsOf(models) }, wanted)
    assert.equal(upgrades, "  await op.alterSequence('order_no', { start: 1 }, { existing: { name: 'order_no', start: 1000 } })")
    assert.equal(downgrades, "  await op.alterSequence('order_no', { start: 1000 }, { existing: { name: 'order_no', start: 1 } })")
    const down = await script({ tables: models.tables, objects: objectsOf(wanted) }, models)
    assert.equal(down.downgrades, "  await op.alterSequence('order_no', { start: 1 }, { existing: { name: 'order_no', start: 1000 } })")
    const descending = defineModels(extension('citext'), rating, sequence('order_no', { increment: -1 }), films)
    const counting = await script({ tables: models.tables, objects: objectsOf(models) }, descending)
    // Turning to count down: ALTER SEQUENCE keeps the old bounds, which -1 is outside, so they are named and the sequence restarts.
    assert.match(counting.upgrades, /\{ increment: -1, minValue: null, maxValue: null, start: -1, restart: true \}/)
    assert.match(counting.downgrades, /\{ increment: null, minValue: null, maxValue: null, start: 1000, restart: true \}/)
  })

  test('an extension the models place in another schema is moved there; one placed nowhere stays where it is', async () => {
    const placed = (schema?: string) => ({
      enums: [],
      sequences: [],
      extensions: [{ name: 'citext', ...(schema === undefined ? {} : { schema }) }],
    })
    const diff = (current: SchemaObjects, target: SchemaObjects, home?: string) =>
      autogenerate([], [], { hooks, objects: { current, target, ...(home === undefined ? {} : { home }) } })
    // The catalog reads the connection's own schema as none.
    assert.deepEqual(await diff(placed(), placed('extensions'), 'public'), [
      { kind: 'alter_extension', name: 'citext', schema: 'extensions', existingSchema: 'public' },
    ])
    assert.deepEqual(await diff(placed('extensions'), placed('public'), 'public'), [
      { kind: 'alter_extension', name: 'citext', schema: 'public', existingSchema: 'extensions' },
    ])
    assert.deepEqual(await diff(placed('extensions'), placed('extensions'), 'public'), [])
    assert.deepEqual(await diff(placed('extensions'), placed(), 'public'), [])
    assert.deepEqual(await diff(placed(), placed('public'), 'public'), [])
    // Without the home schema's name, an extension read as at home cannot be said to be elsewhere.
    assert.deepEqual(await diff(placed(), placed('extensions')), [])
    const fixed = { enums: [], sequences: [], extensions: [{ name: 'xml2', relocatable: false as const }] }
    const [comment] = await diff(fixed, { ...fixed, extensions: [{ name: 'xml2', schema: 'extensions' }] }, 'public')
    assert.equal(comment?.kind, 'execute')
    assert.match(
      comment?.kind === 'execute' ? String(comment.sql) : '',
      /^-- extension xml2: in schema public, the models want it in extensions, and PostgreSQL cannot move it/,
    )
  })

  test('no difference, no operation', async () => {
    const ops = await autogenerate(models.tables, models.tables, {
      hooks,
      objects: { current: objectsOf(models), target: objectsOf(models) },
    })
    assert.deepEqual(ops, [])
  })
})
