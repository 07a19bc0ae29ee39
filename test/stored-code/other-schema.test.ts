import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** A table of schema `audit` with a trigger and its function there, the models naming the schema; `body` is the function's. */
const models = (body: string) =>
  [
    "import { col, defineModels, routine, sql, table, trigger } from 'athanor'",
    "export const log = table('log', { id: col.integer().primaryKey(), note: col.text(), at: col.timestamp() }, { schema: 'audit' })",
    `export const stamp = routine('stamp', sql\`CREATE FUNCTION audit.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ ${body} $$\`, {`,
    "  schema: 'audit',",
    '})',
    "export const stampLog = trigger('stamp_log', sql`CREATE TRIGGER stamp_log BEFORE INSERT ON audit.log",
    "  FOR EACH ROW EXECUTE FUNCTION audit.stamp()`, { schema: 'audit' })",
    'export default defineModels(log, stamp, stampLog)',
  ].join('\n')

describe('postgresql: triggers and routines of a schema the models name are managed', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('migrate creates them there, check is clean, a changed body is replaced, pull writes them with their schema', async () => {
    await db.query('CREATE SCHEMA audit')
    writeFileSync(ws.models, models('BEGIN NEW.at := now(); RETURN NEW; END'))
    await cliOk([...ws.base, 'migrate', '-m', 'audit'])
    await cliOk([...ws.base, 'upgrade'])
    const first = await cli([...ws.base, 'check'])
    assert.equal(first.stdout, CLEAN, first.stderr)
    assert.doesNotMatch(first.stderr, /stamp/, 'nothing of audit is "not managed"')
    await db.query("INSERT INTO audit.log (id, note) VALUES (1, 'a')")
    assert.deepEqual(await db.query('SELECT at IS NOT NULL AS stamped FROM audit.log'), [{ stamped: true }])

    writeFileSync(ws.models, models("BEGIN NEW.at := now(); NEW.note := coalesce(NEW.note, '-'); RETURN NEW; END"))
    const changed = await cliOk([...ws.base, 'migrate', '-m', 'note'])
    assert.match(changed.stdout + changed.stderr, /stamp/)
    await cliOk([...ws.base, 'upgrade'])
    const second = await cli([...ws.base, 'check'])
    assert.equal(second.stdout, CLEAN, second.stderr)
    await db.query('INSERT INTO audit.log (id) VALUES (2)')
    assert.deepEqual(await db.query('SELECT note FROM audit.log WHERE id = 2'), [{ note: '-' }])

    const pulled = `${ws.root}/pulled.ts`
    await cliOk([...ws.base, 'pull', '--schema', 'audit', '-o', pulled])
    const text = readFileSync(pulled, 'utf8')
    assert.match(text, /routine\('stamp', sql`CREATE OR REPLACE FUNCTION audit\.stamp\(\)[\s\S]*?`, \{ schema: 'audit' \}\)/)
    assert.match(text, /trigger\('stamp_log', sql`CREATE TRIGGER stamp_log BEFORE INSERT ON audit\.log [^`]*`, \{ schema: 'audit' \}\)/)

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await db.query("SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = 'audit'::regnamespace"), [{ n: 0 }])
  })
})

describe('postgresql: a domain of a schema only the routines name', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('an overload taking it is created once and check is clean: the domain is read from its schema', async () => {
    await db.query('CREATE SCHEMA other')
    writeFileSync(
      ws.models,
      [
        "import { defineModels, pgDomain, routine, sql } from 'athanor'",
        "export const num = pgDomain('Num', 'integer', { schema: 'other' })",
        'export const add = routine(\'Add\', sql`CREATE FUNCTION other."Add"(a other."Num", b int) RETURNS int RETURN a + b`, {',
        "  schema: 'other',",
        '})',
        "export const addText = routine('Add', sql`CREATE FUNCTION other.\"Add\"(a text) RETURNS text RETURN a`, { schema: 'other' })",
        'export default defineModels(num, add, addText)',
      ].join('\n'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'other'])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
    assert.deepEqual(await db.query('SELECT other."Add"(1, 2) AS n'), [{ n: 3 }])
  })
})

describe('postgresql: a routine and a trigger in a schema the database lacks', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('migrate creates the schema first; check and check --offline are clean; downgrade base drops the schema', async () => {
    writeFileSync(ws.models, models('BEGIN NEW.at := now(); RETURN NEW; END'))
    await cliOk([...ws.base, 'migrate', '-m', 'audit'])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
    const offline = await cli([...ws.base, 'check', '--offline'])
    assert.equal(offline.stdout, CLEAN, offline.stderr)
    await db.query("INSERT INTO audit.log (id, note) VALUES (1, 'a')")
    assert.deepEqual(await db.query('SELECT at IS NOT NULL AS stamped FROM audit.log'), [{ stamped: true }])
    await db.query('DELETE FROM audit.log')

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await db.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'audit'"), [{ n: 0 }])
  })
})
