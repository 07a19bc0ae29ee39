// A table moved in the models from the home schema to another one: the
// warning named `--rename-table log:audit.log`, and with it the migration
// wrote createSchema and renameTable('log', 'log'), whose upgrade failed
// ("relation "log" already exists") and never moved the table; the
// schema-qualified `public.log:audit.log` matched nothing. A move is
// ALTER TABLE … SET SCHEMA (then RENAME TO when the name changes too), which
// keeps the rows, and the owned sequence, indexes and keys go with it.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const before = [
  "import { col, defineModels, partition, sql, table, view } from 'athanor'",
  "export const log = table('log', { id: col.integer().primaryKey().serial('log_id_seq'), msg: col.text() })",
  "export const note = table('note', { id: col.integer().primaryKey(), log_id: col.integer().references('log') })",
  "export const ev = table('ev', { id: col.integer().notNull(), d: col.date().notNull() },",
  "  { primaryKey: { columns: ['id', 'd'] }, postgresql: { partitionBy: 'RANGE (d)' } })",
  "export const ev2024 = partition('ev_2024', ev, sql`FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`)",
  "export const recent = view('recent', sql`SELECT id, msg FROM log`)",
  'export default defineModels(log, note, ev, ev2024, recent)',
].join('\n')

// log keeps its name in audit; ev moves there as events.
const after = [
  "import { col, defineModels, partition, sql, table, view } from 'athanor'",
  "export const log = table('log', { id: col.integer().primaryKey().serial('log_id_seq'), msg: col.text() }, { schema: 'audit' })",
  "export const note = table('note', { id: col.integer().primaryKey(), log_id: col.integer().references('log', { schema: 'audit' }) })",
  "export const ev = table('events', { id: col.integer().notNull(), d: col.date().notNull() },",
  "  { schema: 'audit', primaryKey: { columns: ['id', 'd'] }, postgresql: { partitionBy: 'RANGE (d)' } })",
  "export const ev2024 = partition('ev_2024', ev, sql`FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`)",
  "export const recent = view('recent', sql`SELECT id, msg FROM audit.log`)",
  'export default defineModels(log, note, ev, ev2024, recent)',
].join('\n')

const where = {
  log: "SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'log'",
  sequence: "SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'log_id_seq'",
  parent: "SELECT inhparent::regclass::text AS parent FROM pg_inherits WHERE inhrelid = 'ev_2024'::regclass",
  key: "SELECT confrelid::regclass::text AS referred FROM pg_constraint WHERE conrelid = 'note'::regclass AND contype = 'f'",
}

describe('postgresql: a table moved to another schema', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('the hinted and the qualified flag move it with its rows, sequence, key and partition; the downgrade moves it back', async () => {
    const versions = join(ws.directory, 'versions')
    writeFileSync(ws.models, `${before}\n`)
    await cliOk([...ws.base, 'migrate', '-m', 'init'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO log (msg) VALUES ('keep me'); INSERT INTO note VALUES (1, 1); INSERT INTO ev VALUES (1, '2024-05-05')")

    writeFileSync(ws.models, `${after}\n`)
    const hinted = await cliOk([...ws.base, 'migrate', '-m', 'unflagged', '--no-strict-renames'])
    const flag = /run again with --rename-table (\S+)$/m.exec(hinted.stderr)?.[1]
    assert.equal(flag, 'log:audit.log', hinted.stderr)
    for (const file of readdirSync(versions).filter((name) => name.endsWith('_unflagged.ts'))) rmSync(join(versions, file))

    await cliOk([...ws.base, 'migrate', '-m', 'moved', '--rename-table', flag, '--rename-table', 'public.ev:audit.events'])
    const [file] = readdirSync(versions).filter((name) => name.endsWith('_moved.ts'))
    const script = readFileSync(join(versions, file!), 'utf8')
    assert.match(script, /op\.setTableSchema\('log', 'audit', \{ schema: 'public' \}\)/)
    assert.match(
      script,
      /op\.setTableSchema\('ev', 'audit', \{ schema: 'public' \}\)\n\s*await op\.renameTable\('ev', 'events', \{ schema: 'audit' \}\)/,
    )
    assert.doesNotMatch(script, /dropTable|createTable|ALTER SEQUENCE/)

    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
    assert.deepEqual(await db.query(where.log), [{ schema: 'audit' }])
    assert.deepEqual(await db.query(where.sequence), [{ schema: 'audit' }])
    assert.deepEqual(await db.query(where.parent), [{ parent: 'audit.events' }])
    assert.deepEqual(await db.query(where.key), [{ referred: 'audit.log' }])
    await db.query("INSERT INTO audit.log (msg) VALUES ('moved')")
    assert.deepEqual(await db.query('SELECT id, msg FROM recent ORDER BY id'), [
      { id: 1, msg: 'keep me' },
      { id: 2, msg: 'moved' },
    ])
    assert.deepEqual(await db.query('SELECT id FROM audit.events'), [{ id: 1 }])

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await db.query(where.log), [{ schema: 'public' }])
    assert.deepEqual(await db.query(where.sequence), [{ schema: 'public' }])
    assert.deepEqual(await db.query(where.parent), [{ parent: 'ev' }])
    assert.deepEqual(await db.query(where.key), [{ referred: 'log' }])
    assert.deepEqual(await db.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'audit'"), [{ n: 0 }])
    assert.deepEqual(await db.query('SELECT id, msg FROM recent ORDER BY id'), [
      { id: 1, msg: 'keep me' },
      { id: 2, msg: 'moved' },
    ])

    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})
