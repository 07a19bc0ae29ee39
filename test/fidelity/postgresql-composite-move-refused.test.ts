// The downgrade of an attribute dropped from the middle of a composite type
// moves the attributes after it past it, copying their values in every table
// column of the type (see postgresql-composite-stairway.test.ts). Values
// held in an array of the type, in a domain over it or in a materialized
// view cannot be copied so: the downgrade refuses, in one line naming the
// type and where its values are, and leaves the database as it was, at the
// revision it stood at, its type and values untouched.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { attributesOf } from './composite-attributes.js'

interface Holder {
  /** What the case adds to the models beside `address` and `shop`, and the names it exports. */
  readonly models: string
  readonly exports: string
  /** The table column of `shop` that holds the type's values there. */
  readonly column: string
  /** A row of `shop` holding a value, written once the middle attribute is dropped. */
  readonly insert: string
  /** Where the refusal says the values are. */
  readonly named: string
}

const CASES: Readonly<Record<string, Holder>> = {
  'an array of the type': {
    models: '',
    exports: '',
    column: 'history: address.column({ array: true })',
    insert: "INSERT INTO shop VALUES (1, ROW('Main St', '3000', 7), ARRAY[ROW('Old St', '3001', 6)::address])",
    named: 'shop.history',
  },
  'a domain over the type': {
    models: "export const checked = pgDomain('checked_address', 'address', { check: sql`(VALUE).no > 0` })",
    exports: ', checked',
    column: 'kept: checked.column()',
    insert: "INSERT INTO shop VALUES (1, ROW('Main St', '3000', 7), ROW('Old St', '3001', 6))",
    named: 'shop.kept',
  },
  'a materialized view': {
    models: "export const seen = view('seen', sql`SELECT id, at FROM shop`, { materialized: true })",
    exports: ', seen',
    column: '',
    insert: "INSERT INTO shop VALUES (1, ROW('Main St', '3000', 7))",
    named: 'seen.at',
  },
}

const models = (attributes: string, holder: Holder, tableOptions = '') =>
  [
    "import { col, defineModels, index, pgComposite, pgDomain, sql, table, view } from 'athanor'",
    `export const address = pgComposite('address', { ${attributes} })`,
    holder.models,
    `export const shop = table('shop', { id: col.integer().primaryKey(), at: address.column(), ${holder.column} }${tableOptions})`,
    `export default defineModels(address, shop${holder.exports})`,
  ].join('\n')

// An index added to the table in use makes the script non-transactional (CREATE INDEX CONCURRENTLY): each
// statement commits on its own, so the refusal must come before the type is touched.
const cases = [
  ...Object.entries(CASES).map(([held, holder]) => ({ held, holder, indexed: false })),
  { held: 'an array of the type, in a script outside a transaction', holder: CASES['an array of the type']!, indexed: true },
]

for (const { held, holder, indexed } of cases) {
  describe(`postgresql: a composite type held in ${held}, an attribute dropped from its middle`, () => {
    const db = useTestDatabase('postgresql')
    const ws = useWorkspace(db)
    const attributes = attributesOf('address')

    test('refuses the downgrade in one line and leaves the database as it was', async () => {
      writeFileSync(ws.models, models("street: 'text', city: 'text', zip: 'text', no: 'integer'", holder))
      await cliOk([...ws.base, 'migrate', '-m', 'address'])
      await cliOk([...ws.base, 'upgrade'])
      writeFileSync(
        ws.models,
        models("street: 'text', zip: 'text', no: 'integer'", holder, indexed ? ", { indexes: [index(['at'])] }" : ''),
      )
      const written = await cliOk([...ws.base, 'migrate', '-m', 'no city', '--json'])
      assert.equal(written.stdout.includes('"concurrently": true'), indexed)
      await cliOk([...ws.base, 'upgrade'])
      await db.query(holder.insert)
      if (holder.column === '') await db.query('REFRESH MATERIALIZED VIEW seen')
      const before = await db.query('SELECT version_num FROM athanor_version')
      const rows = async () => db.query('SELECT * FROM shop ORDER BY id')
      const held = await rows()

      const untouched = async () => {
        assert.deepEqual(await db.query(attributes), [{ a: 'street,zip,no' }])
        assert.deepEqual(await db.query('SELECT version_num FROM athanor_version'), before)
        assert.deepEqual(await rows(), held)
      }
      const refused = await cli([...ws.base, 'downgrade', '-1'])
      if (!indexed) {
        assertCleanError(refused, { code: 'MIGRATION_FAILED' }, 'address', holder.named, 'by hand')
        await untouched()
        assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
        return
      }
      // Only the index is dropped before the refusal; run again, the step refuses again, the type still as it was.
      assertCleanError(refused, { code: 'MIGRATION_INCOMPLETE' }, 'address', holder.named, 'by hand', 'statement 2 ')
      await untouched()
      const [step] = before as Array<{ version_num: string }>
      const retried = await cli([...ws.base, 'resolve', step!.version_num, '--retry'])
      assertCleanError(retried, { code: 'MIGRATION_INCOMPLETE' }, 'address', holder.named, 'by hand', 'statement 2 ')
      await untouched()
    })
  })
}
