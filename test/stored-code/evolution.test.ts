import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { useWorkspace, type Workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'
import { tableNames } from '../dialect-live/catalog.js'

const CLEAN = 'No new upgrade operations detected.\n'

/**
 * Each dialect's triggers and routines at three stages, written by hand (not as the database reports them):
 * 1 a function (or, on SQLite, nothing) a trigger calls; 2 the function's body and the trigger's events
 * changed, and a second function's argument and return types; 3 all of them removed.
 */
const STAGES: Readonly<Record<DialectName, readonly (readonly string[])[]>> = {
  postgresql: [
    [
      "routine('stamp', sql`CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n" +
        "  AS $$ BEGIN NEW.note := 'v1 ' || NEW.name; RETURN NEW; END $$`)",
      "routine('double_it', sql`CREATE FUNCTION double_it(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$`)",
      "trigger('items_stamp', sql`CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp()`)",
    ],
    [
      "routine('stamp', sql`CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n" +
        "  AS $$ BEGIN NEW.note := 'v2 ' || NEW.name; RETURN NEW; END $$`)",
      "routine('double_it', sql`CREATE FUNCTION double_it(n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$`)",
      "trigger('items_stamp', sql`CREATE TRIGGER items_stamp BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION stamp()`)",
    ],
    [],
  ],
  mysql: [
    [
      "routine('stamp_note', sql`CREATE FUNCTION stamp_note(s VARCHAR(20)) RETURNS VARCHAR(40) DETERMINISTIC RETURN CONCAT('v1 ', s)`)",
      "routine('add_item', sql`CREATE PROCEDURE add_item(IN n VARCHAR(20)) BEGIN INSERT INTO items (name) VALUES (n); END`)",
      "trigger('items_stamp', sql`CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW SET NEW.note = stamp_note(NEW.name)`)",
    ],
    [
      "routine('stamp_note', sql`CREATE FUNCTION stamp_note(s VARCHAR(20)) RETURNS VARCHAR(40) DETERMINISTIC RETURN CONCAT('v2 ', s)`)",
      "routine('add_item', sql`CREATE PROCEDURE add_item(IN n VARCHAR(30)) BEGIN INSERT INTO items (name) VALUES (TRIM(n)); END`)",
      [
        "trigger('items_stamp', sql`CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW",
        'BEGIN',
        '  SET NEW.note = stamp_note(NEW.name);',
        'END`)',
      ].join('\n'),
    ],
    [],
  ],
  sqlite: [
    [
      "trigger('items_stamp', sql`CREATE TRIGGER items_stamp AFTER INSERT ON items\n" +
        "BEGIN UPDATE items SET note = 'v1 ' || new.name WHERE id = new.id; END`)",
    ],
    [
      [
        "trigger('items_stamp', sql`create trigger items_stamp after insert on items",
        'begin',
        "  update items set note = 'v2 ' || new.name where id = new.id;",
        'end;`)',
      ].join('\n'),
    ],
    [],
  ],
}

function models(dialect: DialectName, stage: number): string {
  const objects = STAGES[dialect][stage]!
  return [
    "import { col, defineModels, routine, sql, table, trigger } from 'athanor'",
    'export const items = table("items", {',
    '  id: col.integer().primaryKey().autoincrement(),',
    '  name: col.string(30).notNull(),',
    '  note: col.string(40),',
    '})',
    ...objects.map((object, n) => `export const object${n} = ${object}`),
    `export default defineModels(items${objects.map((_, n) => `, object${n}`).join('')})`,
    '',
  ].join('\n')
}

function scriptOf(ws: Workspace, slug: string): string {
  const versions = join(ws.directory, 'versions')
  const file = readdirSync(versions).find((name) => name.includes(slug))
  assert.ok(file !== undefined, `no ${slug} script in ${versions}`)
  return readFileSync(join(versions, file), 'utf8')
}

/** A changed routine is replaced, one whose argument types change dropped and created; a changed trigger is dropped and created. */
function assertChangesIn(script: string, dialect: DialectName): void {
  const [upgrade, downgrade] = script.split('export async function downgrade')
  assert.match(upgrade!, /await op\.dropTrigger\('items_stamp', 'items'\)[\s\S]*await op\.createTrigger\('items_stamp', 'items', `/)
  if (dialect === 'postgresql') {
    assert.match(upgrade!, /await op\.replaceRoutine\('stamp', `CREATE FUNCTION stamp\(\)/)
    assert.match(
      upgrade!,
      /await op\.dropRoutine\('double_it', \{ kind: 'function', arguments: 'integer' \}\)[\s\S]*await op\.createRoutine\('double_it'/,
    )
    assert.match(downgrade!, /await op\.replaceRoutine\('stamp', `CREATE OR REPLACE FUNCTION stamp\(\)\n RETURNS trigger/)
  }
  if (dialect === 'mysql') assert.match(upgrade!, /await op\.replaceRoutine\('stamp_note', `CREATE FUNCTION stamp_note/)
}

async function noteOf(db: TestDatabase, name: string): Promise<unknown> {
  await db.query(`INSERT INTO items (name) VALUES ('${name}')`)
  const [row] = await db.query(`SELECT note FROM items WHERE name = '${name}'`)
  return row?.['note']
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: triggers and routines evolve: changed, then removed, then restored by downgrade`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('each stage migrates, upgrades and checks clean, keeps the rows, and downgrades to the one before', async () => {
      for (const stage of [0, 1, 2]) {
        writeFileSync(ws.models, models(dialect, stage))
        await cliOk([...ws.base, 'migrate', '-m', `stage ${stage + 1}`])
        if (stage === 1) assertChangesIn(scriptOf(ws, 'stage_2'), dialect)
        await cliOk([...ws.base, 'upgrade'])
        const checked = await cli([...ws.base, 'check'])
        assert.equal(checked.stdout, CLEAN, `stage ${stage + 1}: ${checked.stdout}${checked.stderr}`)
        if (dialect === 'postgresql') {
          // The same against the migrations replayed on PGlite, in memory.
          const offline = await cli([...ws.base, 'check', '--offline'])
          assert.equal(offline.stdout, CLEAN, `stage ${stage + 1} offline: ${offline.stdout}${offline.stderr}`)
        }
        assert.equal(await noteOf(db, `s${stage + 1}`), stage === 2 ? null : `v${stage + 1} s${stage + 1}`)
      }
      if (dialect === 'postgresql')
        assert.deepEqual(await db.query("SELECT proname FROM pg_proc WHERE proname IN ('stamp', 'double_it')"), [])
      assert.equal((await db.query('SELECT * FROM items')).length, 3)
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.equal(await noteOf(db, 'back2'), 'v2 back2')
      const doubled = 'SELECT pg_typeof(double_it(21))::text AS type, double_it(21) AS n'
      if (dialect === 'postgresql') assert.deepEqual(await db.query(doubled), [{ type: 'bigint', n: 42 }])
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.equal(await noteOf(db, 'back1'), 'v1 back1')
      if (dialect === 'postgresql') assert.deepEqual(await db.query(doubled), [{ type: 'integer', n: 42 }])
      assert.equal((await db.query('SELECT * FROM items')).length, 5)
      await cliOk([...ws.base, 'downgrade', 'base'])
      assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
    })
  })
}
