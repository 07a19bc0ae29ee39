// An enum type or domain whose name or schema needs quotes ('Mood',
// { schema: 'Audit Log' }): `.column()` gave the column the bare text
// (`"k" Audit Log.kind`), which migrate accepted and the upgrade refused as
// a syntax error. The type is now written as PostgreSQL's format_type
// writes it, quoted where it must be, so it builds and compares clean; and
// pull, which wrote such columns as col.raw('"Mood"'), writes `.column()`.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: enum types and domains whose names need quotes', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('their columns build, take values, and check and check --offline are clean', async () => {
    writeFileSync(
      ws.models,
      [
        "import { col, defineModels, pgDomain, pgEnum, sql, table } from 'athanor'",
        "export const kind = pgEnum('kind', ['a', 'b'], { schema: 'Audit Log' })",
        "export const mood = pgEnum('Mood', ['sad', 'ok'], { schema: 'public' })",
        "export const positive = pgDomain('Positive', 'integer', { check: sql`VALUE > 0`, schema: 'Audit Log' })",
        "export const entries = table('entries', {",
        '  id: col.integer().primaryKey(), kind: kind.column(), mood: mood.column(), n: positive.column(),',
        "}, { schema: 'Audit Log' })",
        'export default defineModels(kind, mood, positive, entries)',
      ].join('\n'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'quoted'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query(`INSERT INTO "Audit Log".entries VALUES (1, 'b', 'ok', 3)`)
    assert.deepEqual(await db.query(`SELECT kind::text AS kind, mood::text AS mood FROM "Audit Log".entries`), [{ kind: 'b', mood: 'ok' }])
    await db.query(`DELETE FROM "Audit Log".entries`)
    for (const extra of [[], ['--offline']]) {
      const checked = await cli([...ws.base, 'check', ...extra])
      assert.equal(checked.stdout, CLEAN, `check ${extra.join(' ')}: ${checked.stdout}${checked.stderr}`)
    }
    await cliOk([...ws.base, 'downgrade', 'base'])
  })
})

describe('postgresql: pull of enum types whose names need quotes', () => {
  const source = useTestDatabase('postgresql')
  const target = useTestDatabase('postgresql')
  const ws = useWorkspace(target)

  test("their columns are written as the type's .column(), and the models rebuild on an empty database", async () => {
    await source.query('CREATE SCHEMA "Audit Log"')
    await source.query(`CREATE TYPE "Audit Log"."Kind" AS ENUM ('a', 'b')`)
    await source.query(`CREATE TYPE "Mood" AS ENUM ('sad', 'ok')`)
    await source.query('CREATE TABLE "Audit Log".entries (id integer PRIMARY KEY, kind "Audit Log"."Kind", mood "Mood")')
    await cliOk(['-d', ws.directory, '--url', source.url, 'pull', '--schema', 'Audit Log', '-o', ws.models])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /kind: \w+\.column\(\),\n\s+mood: \w+\.column\(\)/)
    assert.doesNotMatch(models, /col\.raw/)
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
  })
})
