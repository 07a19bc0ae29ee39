// An enum type or domain whose name or schema needs quotes ('Mood',
// { schema: 'Audit Log' }): `.column()` gave the column the bare text
// (`"k" Audit Log.kind`), which migrate accepted and the upgrade refused as
// a syntax error. The type is now written as PostgreSQL's format_type
// writes it, quoted where it must be, so it builds and compares clean; and
// pull, which wrote such columns as col.raw('"Mood"'), writes `.column()`.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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
    await source.query('CREATE DOMAIN positive AS integer CHECK (VALUE > 0)')
    await source.query(
      'CREATE TABLE "Audit Log".entries (id integer PRIMARY KEY, kind "Audit Log"."Kind", mood "Mood", ' +
        'kinds "Audit Log"."Kind"[], moods "Mood"[][] NOT NULL DEFAULT \'{}\', counts positive[])',
    )
    await cliOk(['-d', ws.directory, '--url', source.url, 'pull', '--schema', 'Audit Log', '-o', ws.models])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /kind: \w+\.column\(\),\n\s+mood: \w+\.column\(\)/)
    // Arrays of them too: the type's variable, so a renamed or missing type does not compile.
    assert.match(models, /kinds: \w+\.column\(\{ array: true \}\),\n\s+moods: \w+\.column\(\{ array: true \}\)\.notNull\(\)/)
    assert.match(models, /counts: positive\.column\(\{ array: true \}\)/)
    assert.doesNotMatch(models, /col\.raw/)
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
    const columns = (db: typeof source) =>
      db.query(
        `SELECT attname || ' ' || format_type(atttypid, atttypmod) || ' ' || coalesce(pg_get_expr(adbin, adrelid), '') AS c
           FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum
          WHERE attrelid = '"Audit Log".entries'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      )
    assert.deepEqual(await columns(target), await columns(source))
  })
})

// A type named with a key word PostgreSQL reserves (enum 'order', domain
// 'user') was written bare (`"k" order`), which the upgrade refused as a
// syntax error. quote_ident and format_type quote every key word but the
// unreserved ones, so athanor does too: 'order' and 'user' are quoted,
// 'action' and 'data' (unreserved) stay bare, as the catalog prints them.
describe('postgresql: enum types and domains named with key words', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const scripts = () => readdirSync(join(ws.directory, 'versions')).filter((file) => file.endsWith('.ts'))

  test('build, check clean online and offline, pull back to models that migrate to nothing, downgrade to base', async () => {
    writeFileSync(
      ws.models,
      [
        "import { col, defineModels, pgDomain, pgEnum, routine, sql, table } from 'athanor'",
        "export const order = pgEnum('order', ['a', 'b'])",
        "export const action = pgEnum('action', ['go', 'stop'])",
        "export const mood = pgEnum('Mood', ['sad', 'ok'])",
        "export const user = pgDomain('user', 'text', { check: sql`VALUE <> ''` })",
        "export const data = pgDomain('data', 'integer')",
        "export const events = table('events', {",
        '  id: col.integer().primaryKey(), o: order.column(), a: action.column(), m: mood.column(), u: user.column(), d: data.column(),',
        '})',
        // Its key is its argument types as format_type prints them: "action" quoted here, action bare there.
        'export const labelOf = routine(\'label_of\', sql`CREATE FUNCTION label_of(a "action", o "order") RETURNS text',
        '  LANGUAGE sql IMMUTABLE AS $$ SELECT a::text || o::text $$`)',
        'export default defineModels(order, action, mood, user, data, events, labelOf)',
      ].join('\n'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'key words'])
    const offline = await cliOk([...ws.base, 'upgrade', '--sql'])
    assert.match(offline.stdout, /"o" "order",\s+"a" action,\s+"m" "Mood",\s+"u" "user",\s+"d" data/)
    await cliOk([...ws.base, 'upgrade'])
    await db.query(`INSERT INTO events VALUES (1, 'b', 'stop', 'ok', 'ann', 7)`)
    const types = await db.query(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = 'events'::regclass AND attnum > 1 ORDER BY attnum`,
    )
    assert.deepEqual(
      types.map((row) => `${row['name']} ${row['type']}`),
      ['o "order"', 'a action', 'm "Mood"', 'u "user"', 'd data'],
    )
    for (const extra of [[], ['--offline']]) {
      const checked = await cli([...ws.base, 'check', ...extra])
      assert.equal(checked.stdout, CLEAN, `check ${extra.join(' ')}: ${checked.stdout}${checked.stderr}`)
    }

    await cliOk([...ws.base, 'pull', '-o', ws.models])
    const models = readFileSync(ws.models, 'utf8')
    assert.doesNotMatch(models, /col\.raw/)
    assert.match(models, /o: \w+\.column\(\)/)
    assert.match(models, /u: \w+\.column\(\)/)
    const before = scripts()
    await cliOk([...ws.base, 'migrate', '-m', 'nothing'])
    assert.deepEqual(scripts(), before)

    await db.query('DELETE FROM events')
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await db.query(`SELECT typname FROM pg_type WHERE typname IN ('order', 'action', 'Mood', 'user', 'data')`), [])
    assert.deepEqual(await db.query(`SELECT proname FROM pg_proc WHERE proname = 'label_of'`), [])
  })
})

describe('postgresql: type names that only a later PostgreSQL reserves', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('written quoted, printed bare by an older server, compared as the same type', async () => {
    writeFileSync(
      ws.models,
      [
        "import { col, defineModels, pgDomain, pgEnum, table } from 'athanor'",
        "export const jsonTable = pgEnum('json_table', ['a', 'b'])",
        "export const mergeAction = pgDomain('merge_action', 'text')",
        "export const steps = table('steps', { id: col.integer().primaryKey(), j: jsonTable.column(), m: mergeAction.column() })",
        'export default defineModels(jsonTable, mergeAction, steps)',
      ].join('\n'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'later key words'])
    const offline = await cliOk([...ws.base, 'upgrade', '--sql'])
    assert.match(offline.stdout, /"j" "json_table",\s+"m" "merge_action"/)
    await cliOk([...ws.base, 'upgrade'])
    const [server] = await db.query("SELECT quote_ident('json_table') AS q, current_setting('server_version_num')::int AS v")
    // PostgreSQL 17 made both key words; before it, format_type prints them bare.
    assert.equal(server?.['q'], Number(server?.['v']) >= 170000 ? '"json_table"' : 'json_table')
    for (const extra of [[], ['--offline']]) {
      const checked = await cli([...ws.base, 'check', ...extra])
      assert.equal(checked.stdout, CLEAN, `check ${extra.join(' ')}: ${checked.stdout}${checked.stderr}`)
    }
    await cliOk([...ws.base, 'downgrade', 'base'])
  })
})
