import assert from 'node:assert/strict'
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace, type Workspace } from '../adoption/workspace.js'
import { tableNames } from '../dialect-live/catalog.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { assertGolden } from '../helpers/golden.js'

const CLEAN = 'No new upgrade operations detected.\n'

// A routine whose head CREATE OR REPLACE refuses to change (an argument's name, a parameter's default), and what calls it:
// a column default, a named check, an expression index, a partial index, a domain's check and default, a trigger's WHEN.
const TWICE = (arg: string, factor: number) =>
  `routine('twice', sql\`CREATE FUNCTION twice(${arg} int, k int DEFAULT ${factor}) RETURNS int LANGUAGE sql IMMUTABLE
  AS $$ SELECT ${arg} * k $$\`)`
const SMALL =
  "const small = pgDomain('small', 'integer', {\n" +
  "  default: sql`twice(1)`, checks: [{ name: 'small_twice', expression: 'twice(VALUE) < 1000' }] })"
const CALLERS = [
  'small',
  `table('items', {
    id: col.integer().primaryKey(),
    qty: col.integer().notNull(),
    n: col.integer().default(sql\`twice(2)\`),
    size: small.column(),
  }, {
    checks: [check('ck_items_twice', 'twice(qty) < 100')],
    indexes: [
      index(['twice(qty)'], { name: 'ix_items_twice', expressions: true }),
      index(['id'], { name: 'ix_items_positive', where: 'twice(qty) > 0' }),
    ],
  })`,
  "routine('bump', sql`CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.size := 7; RETURN NEW; END $$`)",
  "trigger('items_bump', sql`CREATE TRIGGER items_bump BEFORE INSERT ON items FOR EACH ROW WHEN (twice(NEW.qty) > 10)\n" +
    '  EXECUTE FUNCTION bump()`)',
]

/** A models file of the given objects, in order, each as its model call's text. */
function models(objects: readonly string[]): string {
  return [
    "import { check, col, defineModels, index, pgDomain, routine, sql, table, trigger } from 'athanor'",
    SMALL,
    ...objects.map((object, n) => `export const object${n} = ${object}`),
    `export default defineModels(${objects.map((_, n) => `object${n}`).join(', ')})`,
    '',
  ].join('\n')
}

async function clean(ws: Workspace, what: string): Promise<void> {
  const checked = await cli([...ws.base, 'check'])
  assert.equal(checked.stdout, CLEAN, `${what}: ${checked.stdout}${checked.stderr}`)
  const offline = await cli([...ws.base, 'check', '--offline'])
  assert.equal(offline.stdout, CLEAN, `${what} offline: ${offline.stdout}${offline.stderr}`)
}

/** migrate, upgrade, then check clean live and on PGlite. */
async function step(ws: Workspace, objects: readonly string[], revision: string): Promise<void> {
  writeFileSync(ws.models, models(objects))
  await cliOk([...ws.base, 'migrate', '-m', revision, '--rev-id', revision])
  await cliOk([...ws.base, 'upgrade'])
  await clean(ws, revision)
}

function script(ws: Workspace, revision: string): string {
  const versions = join(ws.directory, 'versions')
  const file = readdirSync(versions).find((name) => name.startsWith(`${revision}_`))
  assert.ok(file !== undefined, `no script for ${revision}`)
  return readFileSync(join(versions, file), 'utf8')
}

/** Where each of `needles` first stands in `text`, asserting each is there and they come in that order. */
function assertInOrder(text: string, needles: readonly string[]): void {
  let from = 0
  for (const needle of needles) {
    const at = text.indexOf(needle, from)
    assert.ok(at >= 0, `"${needle}" missing after offset ${from} in:\n${text}`)
    from = at + needle.length
  }
}

const whatCallsTwice = (db: { query(sql: string): Promise<readonly Record<string, unknown>[]> }) =>
  db.query(`SELECT pg_describe_object(classid, objid, objsubid) AS what FROM pg_depend
    WHERE refobjid = 'twice(int, int)'::regprocedure AND deptype = 'n' ORDER BY 1`)

/** s1: the routine and all that calls it, and two rows in items. */
async function firstStep(ws: Workspace, db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await step(ws, [TWICE('a', 2), ...CALLERS], 's1')
  await db.query('INSERT INTO items (id, qty) VALUES (1, 3), (2, 8)')
}

describe('postgresql: what calls a routine that is dropped and created steps aside and comes back', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('a default, a check, expression and partial indexes, a domain check and a trigger, through upgrade and downgrade', async () => {
    await firstStep(ws, db)
    const callers = await whatCallsTwice(db)
    assert.equal(callers.length, 7, JSON.stringify(callers))

    // An argument renamed: DROP FUNCTION and CREATE FUNCTION, everything that calls it around them.
    await step(ws, [TWICE('x', 2), ...CALLERS], 's2')
    const s2 = script(ws, 's2')
    const [upgrade = '', downgrade = ''] = s2.split('export async function downgrade')
    assertInOrder(upgrade, [
      "op.dropTrigger('items_bump'",
      "op.alterColumn('items', 'n', { serverDefault: null",
      "op.dropConstraint('ck_items_twice', 'items'",
      "op.dropIndex('ix_items_positive'",
      "op.dropIndex('ix_items_twice'",
      "op.alterDomain('small'",
      "op.dropRoutine('twice'",
      "op.createRoutine('twice'",
      "op.alterColumn('items', 'n', { serverDefault: sql('twice(2)')",
      "op.createCheckConstraint('ck_items_twice', 'items'",
      "op.createIndex('ix_items_positive'",
      "op.createIndex('ix_items_twice'",
      "op.alterDomain('small'",
      "op.createTrigger('items_bump'",
    ])
    assertInOrder(downgrade, ["op.dropTrigger('items_bump'", "op.dropRoutine('twice'", "op.createRoutine('twice'", 'op.createTrigger('])
    // One transaction for all of it, in the plain forms, the lint rules they trip silenced with the reason.
    assert.doesNotMatch(s2, /export const transactional = false/)
    assert.doesNotMatch(s2, /concurrently|notValid|validateConstraint/)
    assert.match(s2, /^\/\/ .*drops and creates the routine twice/m)
    assertInOrder(upgrade, [
      '// athanor-lint-ignore add-check-constraint: ',
      "op.createCheckConstraint('ck_items_twice'",
      '// athanor-lint-ignore create-index-blocking, long-after-exclusive-lock: ',
      "op.createIndex('ix_items_positive'",
    ])
    const linted = await cli([...ws.base, 'lint', 's1:s2', '--json'])
    assert.equal(linted.status, 0, `${linted.stdout}${linted.stderr}`)
    const findings: Array<{ code: string; severity: string }> = JSON.parse(linted.stdout).findings
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error'),
      [],
      linted.stdout,
    )
    // What is left is the statement timeout the config does not set, which the script cannot answer (in its
    // transaction the runner's default lock_timeout applies).
    assert.deepEqual([...new Set(findings.map((f) => f.code))].sort(), ['missing-statement-timeout'])

    // A parameter's default changed: the column default calls the new one.
    await step(ws, [TWICE('x', 3), ...CALLERS], 's3')
    assert.deepEqual(await whatCallsTwice(db), callers)
    await db.query('INSERT INTO items (id, qty) VALUES (3, 4)')
    assert.deepEqual(await db.query('SELECT id, qty, n, size FROM items ORDER BY id'), [
      { id: 1, qty: 3, n: 4, size: 2 },
      { id: 2, qty: 8, n: 4, size: 7 },
      { id: 3, qty: 4, n: 6, size: 7 },
    ])
    await assert.rejects(db.query('INSERT INTO items (id, qty) VALUES (4, 40)'), /ck_items_twice/)

    await cliOk([...ws.base, 'downgrade', '-1'])
    // Compared with the models of s2, s3's script set aside so that s2 is the head (check wants the database at head).
    const s3 = join(ws.directory, 'versions', readdirSync(join(ws.directory, 'versions')).find((f) => f.startsWith('s3_')) ?? '')
    renameSync(s3, `${s3}.aside`)
    writeFileSync(ws.models, models([TWICE('x', 2), ...CALLERS]))
    await clean(ws, 'back at s2')
    renameSync(`${s3}.aside`, s3)
    assert.deepEqual(await whatCallsTwice(db), callers)
    assert.deepEqual(await db.query("SELECT pg_get_function_arguments('twice(int, int)'::regprocedure) AS args"), [
      { args: 'x integer, k integer DEFAULT 2' },
    ])
    assert.equal((await db.query('SELECT count(*)::int AS n FROM items'))[0]?.['n'], 3)

    // The one migration as an offline script, both ways.
    const { stdout: up } = await cliOk([...ws.base, 'upgrade', '--sql', 's1:s2'])
    const { stdout: down } = await cliOk([...ws.base, 'downgrade', '--sql', 's2:s1'])
    for (const text of [up, down]) {
      assert.deepEqual(text.match(/^(BEGIN|COMMIT);$/gm), ['BEGIN;', 'COMMIT;'], text)
      assert.doesNotMatch(text, /CONCURRENTLY|NOT VALID|VALIDATE CONSTRAINT/, text)
    }
    assertGolden(join(import.meta.dirname, 'golden'), 'routine-dependents-postgresql.sql', `-- upgrade\n${up}\n-- downgrade\n${down}`)
    // athanor test upgrades, downgrades and upgrades each revision again on a scratch database.
    writeFileSync(ws.models, models([TWICE('x', 3), ...CALLERS]))
    const tested = await cli([...ws.base, 'test'])
    assert.match(tested.stdout, /^ok +models match the migrations/m, tested.stdout)
    assert.match(tested.stdout, /^ok +stairway/m, tested.stdout)

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
    assert.deepEqual(await db.query("SELECT typname FROM pg_type WHERE typname = 'small'"), [])
  })
})

describe('postgresql: table changes on what calls the routine, in the same migration', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('defaults, checks, indexes and generated columns changed, dropped and added, tables dropped and created', async () => {
    const before = [
      TWICE('a', 2),
      `table('items', { id: col.integer().primaryKey(), qty: col.integer(), n: col.integer().default(sql\`twice(2)\`),
        old: col.integer().default(sql\`twice(3)\`), gone: col.integer().generated('twice(qty)', { stored: true }) }, {
        checks: [check('ck_items_qty', 'twice(qty) < 100')],
        indexes: [index(['twice(qty)'], { name: 'ix_items_old', expressions: true })],
      })`,
      `table('legacy', { id: col.integer().primaryKey(), v: col.integer().default(sql\`twice(1)\`),
        g: col.integer().generated('twice(v)', { stored: true }) }, {
        indexes: [index(['twice(v)'], { name: 'ix_legacy', expressions: true }), index(['g'], { name: 'ix_legacy_g' })],
      })`,
    ]
    const after = [
      TWICE('b', 2),
      `table('items', { id: col.integer().primaryKey(), qty: col.integer(), n: col.integer().default(sql\`twice(5)\`),
        extra: col.integer().default(sql\`twice(4)\`), dbl: col.integer().generated('twice(qty)', { stored: true }) }, {
        checks: [check('ck_items_qty', 'twice(qty) < 200')],
        indexes: [index(['twice(id)'], { name: 'ix_items_new', expressions: true }), index(['extra'], { name: 'ix_items_extra' })],
      })`,
      `table('fresh', { id: col.integer().primaryKey(), v: col.integer().default(sql\`twice(6)\`) }, {
        checks: [check('ck_fresh', 'twice(v) < 50')],
        indexes: [index(['twice(v)'], { name: 'ix_fresh', expressions: true })],
      })`,
    ]
    await step(ws, before, 's1')
    await db.query('INSERT INTO items (id, qty) VALUES (1, 30)')
    await step(ws, after, 's2')
    await db.query('INSERT INTO items (id, qty) VALUES (2, 1)')
    await db.query('INSERT INTO fresh (id) VALUES (1)')
    // Added once the routine is back, so the rows there take the default and the generated value.
    assert.deepEqual(await db.query('SELECT id, qty, n, extra, dbl FROM items ORDER BY id'), [
      { id: 1, qty: 30, n: 4, extra: 8, dbl: 60 },
      { id: 2, qty: 1, n: 10, extra: 8, dbl: 2 },
    ])
    assert.deepEqual(await db.query('SELECT v FROM fresh'), [{ v: 12 }])
    await db.query('DELETE FROM fresh')

    await cliOk([...ws.base, 'downgrade', '-1'])
    const s2 = join(ws.directory, 'versions', readdirSync(join(ws.directory, 'versions')).find((f) => f.startsWith('s2_')) ?? '')
    renameSync(s2, `${s2}.aside`)
    writeFileSync(ws.models, models(before))
    await clean(ws, 'back at s1')
    renameSync(`${s2}.aside`, s2)
    // The dropped column comes back after the old routine, so the rows take its default.
    assert.deepEqual(await db.query('SELECT id, qty, n, old, gone FROM items ORDER BY id'), [
      { id: 1, qty: 30, n: 4, old: 6, gone: 60 },
      { id: 2, qty: 1, n: 10, old: 6, gone: 2 },
    ])
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
  })
})

describe('postgresql: a generated column calling a routine that must be dropped and created', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('migrate refuses in one line naming the column and the routine, and writes nothing', async () => {
    const doubled = `table('items', {
      id: col.integer().primaryKey(),
      qty: col.integer().notNull(),
      doubled: col.integer().generated('twice(qty)', { stored: true }),
    })`
    await step(ws, [TWICE('a', 2), doubled], 's1')
    writeFileSync(ws.models, models([TWICE('b', 2), doubled]))
    const refused = await cli([...ws.base, 'migrate', '-m', 's2', '--rev-id', 's2'])
    assert.notEqual(refused.status, 0)
    const lines = refused.stderr.trim().split('\n')
    assert.equal(lines.length, 1, refused.stderr)
    assert.match(lines[0] ?? '', /routine "twice" must be dropped and created .*generated column items\.doubled calls it/)
    assert.deepEqual(
      readdirSync(join(ws.directory, 'versions')).filter((name) => name.startsWith('s2')),
      [],
    )
  })
})

/** What the database holds of the routine and what calls it, by catalog: the same rows before and after a failed upgrade. */
async function catalog(db: { query(sql: string): Promise<readonly Record<string, unknown>[]> }): Promise<unknown[]> {
  return Promise.all([
    db.query("SELECT oid::int AS oid, pg_get_functiondef(oid) AS def FROM pg_proc WHERE proname = 'twice'"),
    db.query("SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'items' ORDER BY 1"),
    db.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'items'::regclass OR contypid = 'small'::regtype ORDER BY 1`),
    db.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'items' ORDER BY 1"),
    db.query("SELECT typdefault FROM pg_type WHERE typname = 'small'"),
    db.query("SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = 'items'::regclass AND NOT tgisinternal"),
    whatCallsTwice(db),
    db.query('SELECT version_num FROM athanor_version'),
    db.query('SELECT * FROM items ORDER BY id'),
  ])
}

describe('postgresql: a routine recreated with what calls it, failing midway', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('a check the rows fail under the new routine: the upgrade is rolled back whole, old routine and callers in place', async () => {
    await firstStep(ws, db)
    const before = await catalog(db)
    // twice(8) is 160 under the new factor: ADD CONSTRAINT ck_items_twice (twice(qty) < 100) fails after DROP FUNCTION.
    writeFileSync(ws.models, models([TWICE('y', 20), ...CALLERS]))
    await cliOk([...ws.base, 'migrate', '-m', 's2', '--rev-id', 's2'])
    assert.doesNotMatch(script(ws, 's2'), /export const transactional = false/)
    const failed = await cli([...ws.base, 'upgrade'])
    assert.notEqual(failed.status, 0)
    const errors = failed.stderr.split('\n').filter((line) => line.startsWith('error'))
    assert.equal(errors.length, 1, failed.stderr)
    assert.match(errors[0] ?? '', /revision s2 .*check constraint "ck_items_twice" of relation "items" is violated by some row/)
    assert.match(failed.stderr, /is at s1\.$/m)
    assert.deepEqual(await catalog(db), before)
    assert.equal((await whatCallsTwice(db)).length, 7)
  })
})
