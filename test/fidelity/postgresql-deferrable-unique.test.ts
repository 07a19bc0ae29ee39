// A DEFERRABLE [INITIALLY DEFERRED] unique constraint keeps its deferral
// through a round trip: pull writes it, migrate creates it, check compares
// it, and a change of it is the constraint dropped and made again. Before,
// it was listed as not represented and made as an immediate one, so the
// application's swap of two rows' positions failed on the rebuilt database.
// A foreign key to a unique constraint made anew goes and comes back in
// the same transaction; one to a deferrable unique, which PostgreSQL
// refuses, fails at migrate.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE TABLE slots (id integer PRIMARY KEY, pos integer, CONSTRAINT slots_pos_key UNIQUE (pos) DEFERRABLE INITIALLY DEFERRED)',
  'CREATE TABLE orders (id integer PRIMARY KEY, a integer, b integer, CONSTRAINT orders_ab UNIQUE (a, b))',
  'CREATE TABLE lines (id integer PRIMARY KEY, a integer, b integer, ' +
    'CONSTRAINT lines_order FOREIGN KEY (a, b) REFERENCES orders (a, b) MATCH FULL)',
]

/** Every constraint of the three tables as PostgreSQL writes it back. */
async function constraints(db: TestDatabase): Promise<unknown[]> {
  return db.query(
    `SELECT c.relname AS tbl, k.conname AS name, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid WHERE c.relname IN ('slots', 'orders', 'lines') ORDER BY 1, 2`,
  )
}

describe('postgresql: a deferrable unique constraint pulled and migrated', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('keeps its deferral, and rows swap their positions in one statement', async () => {
    const { source, rebuilt, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.doesNotMatch(pulled.stdout + pulled.stderr, /unique constraint options/)
    assert.match(
      readFileSync(ws.models, 'utf8'),
      /unique\(\['pos'\], \{ name: 'slots_pos_key', deferrable: true, initiallyDeferred: true \}\)/,
    )
    assert.equal((await cli([...ws.base, 'check', '--url', source.url])).stdout, CLEAN)
    await cliOk([...ws.base, 'migrate', '-m', 'tables'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await constraints(rebuilt), await constraints(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query('INSERT INTO slots VALUES (1, 1), (2, 2)')
    await rebuilt.query('UPDATE slots SET pos = 3 - pos')
    assert.deepEqual(await rebuilt.query('SELECT id, pos FROM slots ORDER BY id'), [
      { id: 1, pos: 2 },
      { id: 2, pos: 1 },
    ])
  })

  test('changed, is made again, with the key that refers to it back in the same transaction', async () => {
    const { rebuilt, ws } = project()
    const before = await constraints(rebuilt)
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(
      ws.models,
      models
        .replace("{ name: 'slots_pos_key', deferrable: true, initiallyDeferred: true }", "{ name: 'slots_pos_key', deferrable: true }")
        .replace("unique(['a', 'b'], { name: 'orders_ab' })", "unique(['b', 'a'], { name: 'orders_ab' })"),
    )
    await rebuilt.query('INSERT INTO orders VALUES (1, 1, 1)')
    await rebuilt.query('INSERT INTO lines VALUES (1, 1, 1)')
    await cliOk([...ws.base, 'migrate', '-m', 'deferral'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_deferral.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /op\.createUniqueConstraint\('slots_pos_key', 'slots', \['pos'\], \{ deferrable: true \}\)/)
    assert.match(script, /op\.dropConstraint\('lines_order', 'lines', \{ type: 'foreignkey' \}\)/)
    assert.match(script, /op\.createForeignKey\('lines_order', 'lines', 'orders', \['a', 'b'\], \['a', 'b'\], \{ matchFull: true \}\)/)
    assert.doesNotMatch(script, /transactional = false|notValid/)

    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const after = await constraints(rebuilt)
    assert.ok(after.some((row) => JSON.stringify(row).includes('UNIQUE (pos) DEFERRABLE"')))
    assert.ok(after.some((row) => JSON.stringify(row).includes('UNIQUE (b, a)')))
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await constraints(rebuilt), before)
    await cliOk([...ws.base, 'upgrade'])
  })

  test('a foreign key to it is refused at migrate, naming both', async () => {
    const { ws } = project()
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(
      ws.models,
      models.replace("unique(['b', 'a'], { name: 'orders_ab' })", "unique(['b', 'a'], { name: 'orders_ab', deferrable: true })"),
    )
    const scripts = readdirSync(join(ws.directory, 'versions')).length
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'refused']),
      { code: 'INVALID_MODEL' },
      'lines_order',
      '"lines"',
      'orders_ab',
      'deferrable',
    )
    assert.equal(readdirSync(join(ws.directory, 'versions')).length, scripts, 'no script written')
    writeFileSync(ws.models, models)
  })
})

describe('sqlite: a deferrable unique constraint', () => {
  let db: TestDatabase
  let ws: Workspace
  before(async () => {
    db = await createTestDatabase('sqlite')
    ws = await workspace(db.url)
  })
  after(async () => {
    ws.cleanup()
    await db.drop()
  })

  test('is refused at migrate, naming it', async () => {
    writeFileSync(
      ws.models,
      "import { col, defineModels, table, unique } from 'athanor'\n" +
        "export const slots = table('slots', { id: col.integer().primaryKey(), pos: col.integer() }, " +
        "{ uniques: [unique(['pos'], { deferrable: true })] })\n" +
        'export default defineModels(slots)\n',
    )
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'slots']),
      { code: 'UNSUPPORTED_FEATURE' },
      'uq_slots_pos',
      'sqlite has no deferrable unique constraints',
    )
  })
})
