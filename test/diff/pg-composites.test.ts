import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { renderScript } from '../../src/ops/render-script.js'
import { pgComposite } from '../../src/models/pg-composite.js'
import { defineModels } from '../../src/models/define.js'
import { table } from '../../src/models/table.js'
import { col } from '../../src/models/column.js'
import type { CompositeType } from '../../src/schema/pg-composite.js'
import { noSchemaObjects } from '../../src/schema/pg-objects.js'
import { objectsAtHome } from '../../src/diff/home-schema.js'

const hooks = diffHooksFor('postgresql')
const ops = (current: CompositeType[], target: CompositeType[]) =>
  autogenerate([], [], {
    hooks,
    objects: { current: { ...noSchemaObjects, composites: current }, target: { ...noSchemaObjects, composites: target } },
  })

/** As PostgreSQL reads it back: format_type's spelling. */
const stored: CompositeType = {
  name: 'address',
  attributes: [
    { name: 'street', type: 'text' },
    { name: 'city', type: 'character varying(80)' },
  ],
}
const modelled = (attributes: Record<string, string>) => {
  const { objectKind: _, column: _column, ...type } = pgComposite('address', attributes)
  return type
}

describe('composite types, compared', () => {
  test('as the models write them and as PostgreSQL reads them back are no change', async () => {
    assert.deepEqual(await ops([stored], [modelled({ street: 'TEXT', city: 'varchar( 80 )' })]), [])
  })

  test('a new one is created and a removed one dropped, its attributes kept for the downgrade', async () => {
    const { upgrades, downgrades } = renderScript(await ops([], [stored]))
    assert.equal(
      upgrades,
      "  await op.createCompositeType('address', [{ name: 'street', type: 'text' }, { name: 'city', type: 'character varying(80)' }])",
    )
    assert.equal(
      downgrades,
      "  await op.dropCompositeType('address', { existing: { name: 'address', attributes: [{ name: 'street', type: 'text' }, " +
        "{ name: 'city', type: 'character varying(80)' }] } })",
    )
  })

  test('an attribute added at the end is an alter, and its downgrade drops it', async () => {
    const { upgrades, downgrades } = renderScript(await ops([stored], [modelled({ street: 'text', city: 'varchar(80)', zip: 'text' })]))
    assert.match(
      upgrades,
      /^ {2}await op\.alterCompositeType\('address', \{ addAttributes: \[\{ name: 'zip', type: 'text' \}\] \}, \{ existing:/,
    )
    assert.match(downgrades, /^ {2}await op\.alterCompositeType\('address', \{ dropAttributes: \['zip'\] \}, \{ existing:/)
  })

  test('a dropped attribute is an alter whose downgrade adds it back where it stood, moving the ones after it', async () => {
    const found = await ops([stored], [modelled({ city: 'varchar(80)' })])
    assert.deepEqual(found, [{ kind: 'alter_composite_type', name: 'address', changes: { dropAttributes: ['street'] }, existing: stored }])
    const back = reverseOperation(found[0]!)
    const city = { name: 'city', type: 'character varying(80)' }
    assert.deepEqual(back, {
      kind: 'alter_composite_type',
      name: 'address',
      changes: { addAttributes: [{ name: 'street', type: 'text' }], moveToEnd: [city] },
      existing: { name: 'address', attributes: [city] },
    })
    assert.deepEqual(reverseOperation(back), { ...found[0], existing: stored })
  })

  test('an attribute of a new type is a comment, never an ALTER ATTRIBUTE that a column of the type would refuse', async () => {
    const found = await ops([stored], [modelled({ street: 'text', city: 'varchar(120)' })])
    assert.equal(found.length, 1)
    assert.match(
      found[0]?.kind === 'execute' ? String(found[0].sql) : '',
      /^-- composite type address: attribute type changed \(city character varying\(80\) -> varchar\(120\)\)/,
    )
  })

  test('a drop and an add in place of it is a comment offering the rename, as ALTER TYPE adds only at the end', async () => {
    const found = await ops([stored], [modelled({ road: 'text', city: 'varchar(80)' })])
    assert.equal(found.length, 1)
    const text = found[0]?.kind === 'execute' ? String(found[0].sql) : ''
    assert.match(text, /attributes \(street, city\) -> \(road, city\)\. If that renames street to road, write /)
    assert.match(text, /await op\.alterCompositeType\('address', \{ renameAttributes: \[\{ from: 'street', to: 'road' \}\] \}\) here/)
  })

  test('a last attribute dropped and another added of its type warns that the drop loses values a rename would keep', async () => {
    const found = await ops([stored], [modelled({ street: 'text', town: 'varchar(80)' })])
    assert.equal(found.length, 2)
    assert.match(found[0]?.kind === 'execute' ? String(found[0].sql) : '', /dropping city loses its values .* renames city to town/)
    assert.equal(found[1]?.kind, 'alter_composite_type')
  })
})

describe('composite types, as SQL', () => {
  test('PostgreSQL creates, alters and drops them; the others refuse them', () => {
    const type: CompositeType = { name: 'Weird "T"', schema: 'geo', attributes: [{ name: 'a b', type: 'text', collation: 'C' }] }
    const sql = (op: Parameters<typeof postgresCompiler.compileSql>[0]) => postgresCompiler.compileSql(op, 'offline').map((s) => s.sql)
    assert.deepEqual(sql({ kind: 'create_composite_type', type }), ['CREATE TYPE "geo"."Weird ""T""" AS ("a b" text COLLATE "C")'])
    assert.deepEqual(sql({ kind: 'create_composite_type', type: { name: 'empty', attributes: [] } }), ['CREATE TYPE "empty" AS ()'])
    assert.deepEqual(
      sql({
        kind: 'alter_composite_type',
        name: 'address',
        changes: {
          renameAttributes: [{ from: 'zip', to: 'postcode' }],
          dropAttributes: ['street'],
          addAttributes: [{ name: 'country', type: 'varchar(2)' }],
        },
      }),
      [
        'ALTER TYPE "address" RENAME ATTRIBUTE "zip" TO "postcode"',
        'ALTER TYPE "address" DROP ATTRIBUTE "street", ADD ATTRIBUTE "country" varchar(2)',
      ],
    )
    assert.deepEqual(sql({ kind: 'drop_composite_type', name: 'address' }), ['DROP TYPE "address"'])
    for (const compiler of [mysqlCompiler, sqliteCompiler]) {
      assert.throws(
        () => compiler.compileSql({ kind: 'create_composite_type', type }, 'offline'),
        /create_composite_type is PostgreSQL only: (MySQL\/MariaDB|SQLite) has no such object/,
      )
    }
  })

  test('a hand-written rename reverses, and one that renames to a name it adds is refused as irreversible', () => {
    const was: CompositeType = { name: 'address', attributes: [{ name: 'zip', type: 'text' }] }
    assert.deepEqual(
      reverseOperation({
        kind: 'alter_composite_type',
        name: 'address',
        changes: { renameAttributes: [{ from: 'zip', to: 'code' }] },
        existing: was,
      }),
      {
        kind: 'alter_composite_type',
        name: 'address',
        changes: { renameAttributes: [{ from: 'code', to: 'zip' }] },
        existing: { name: 'address', attributes: [{ name: 'code', type: 'text' }] },
      },
    )
    assert.throws(
      () =>
        reverseOperation({
          kind: 'alter_composite_type',
          name: 'address',
          changes: { renameAttributes: [{ from: 'zip', to: 'code' }], addAttributes: [{ name: 'zip', type: 'int' }] },
          existing: was,
        }),
      /IRREVERSIBLE|both renamed and added/,
    )
  })
})

describe('composite types, in the models', () => {
  test('pgComposite keeps the attributes in order, gives columns its name, and defineModels collects it', () => {
    const address = pgComposite('address', { street: 'text', zip: { type: 'text', collation: 'C' } }, { schema: 'geo' })
    const people = table('people', { id: col.integer().primaryKey(), past: address.column({ array: true }) })
    assert.deepEqual(people.columns[1]?.type, { kind: 'raw', sql: 'geo.address[]' })
    const models = defineModels(address, people)
    assert.deepEqual(models.composites, [
      {
        name: 'address',
        schema: 'geo',
        attributes: [
          { name: 'street', type: 'text' },
          { name: 'zip', type: 'text', collation: 'C' },
        ],
      },
    ])
    assert.throws(
      () =>
        pgComposite('pair', [
          { name: 'a', type: 'int' },
          { name: 'a', type: 'int' },
        ]),
      /composite type "pair" has attribute "a" twice/,
    )
    assert.throws(() => pgComposite('pair', { a: '' }), /composite type "pair": attribute "a" has no type/)
  })
})

describe('composite types, beside the other types', () => {
  const address: CompositeType = { name: 'address', attributes: [{ name: 'city', type: 'text' }] }

  test('a domain over a composite type is made after it and dropped before it', async () => {
    const domain = { name: 'home_address', type: 'address' }
    const made = await autogenerate([], [], {
      hooks,
      objects: { current: noSchemaObjects, target: { ...noSchemaObjects, composites: [address], domains: [domain] } },
    })
    assert.deepEqual(
      made.map((op) => op.kind),
      ['create_composite_type', 'create_domain'],
    )
    const dropped = await autogenerate([], [], {
      hooks,
      objects: { current: { ...noSchemaObjects, composites: [address], domains: [domain] }, target: noSchemaObjects },
    })
    assert.deepEqual(
      dropped.map((op) => op.kind),
      ['drop_domain', 'drop_composite_type'],
    )
  })

  test('an attribute naming a composite of the home schema by its schema still has it made first', async () => {
    const wrapper: CompositeType = { name: 'a_wrapper', attributes: [{ name: 'x', type: 'public.address' }] }
    const made = await autogenerate([], [], {
      hooks,
      objects: { current: noSchemaObjects, target: { ...noSchemaObjects, composites: [wrapper, address] }, home: 'public' },
    })
    assert.deepEqual(
      made.map((op) => (op.kind === 'create_composite_type' ? op.type.name : op.kind)),
      ['address', 'a_wrapper'],
    )
  })

  test('a home-schema composite of the models compares with the catalog’s unqualified one', () => {
    const declared = { ...address, schema: 'public' }
    assert.deepEqual(objectsAtHome({ objects: { ...noSchemaObjects, composites: [declared] } }, 'public').objects?.composites, [address])
  })

  test('a time attribute compares whether written as the models or the catalog write it', async () => {
    const stored: CompositeType = { name: 'span', attributes: [{ name: 'at', type: 'timestamp(3) with time zone' }] }
    assert.deepEqual(await ops([stored], [{ name: 'span', attributes: [{ name: 'at', type: 'timestamptz(3)' }] }]), [])
  })
})
