import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/**
 * A table, a view over it and an INSTEAD OF trigger that inserts through
 * the view. `evolved` retypes and loosens `email`: a rebuild on SQLite, a
 * retype PostgreSQL refuses under a view, so the view goes and comes back.
 */
function models(dialect: 'sqlite' | 'postgresql', table: string, evolved: boolean): string {
  const quoted = `"${table}"`
  const insert = `INSERT INTO ${quoted} (email) VALUES (lower(NEW.email))`
  const objects =
    dialect === 'sqlite'
      ? [`trigger('tr_v_ins', sql\`CREATE TRIGGER tr_v_ins INSTEAD OF INSERT ON v_users BEGIN ${insert}; END\`)`]
      : [
          "routine('v_users_insert', sql`CREATE FUNCTION v_users_insert() RETURNS trigger LANGUAGE plpgsql",
          `  AS $$ BEGIN ${insert}; RETURN NEW; END $$\`)`,
          "export const trigger0 = trigger('tr_v_ins', sql`CREATE TRIGGER tr_v_ins INSTEAD OF INSERT ON v_users",
          '  FOR EACH ROW EXECUTE FUNCTION v_users_insert()`)',
        ]
  const id = dialect === 'sqlite' ? 'col.integer().primaryKey()' : 'col.integer().primaryKey().identity()'
  return [
    "import { col, defineModels, routine, sql, table, trigger, view } from 'athanor'",
    `export const users = table('${table}', {`,
    `  id: ${id},`,
    `  email: ${evolved ? 'col.text()' : 'col.string(100).notNull()'},`,
    '})',
    `export const v = view('v_users', sql\`SELECT id, email FROM ${quoted}\`)`,
    `export const object0 = ${objects.join('\n')}`,
    `export default defineModels(users, v, object0${dialect === 'sqlite' ? '' : ', trigger0'})`,
    '',
  ].join('\n')
}

/**
 * Inserts through the view and reads the row back from the table, in lower
 * case: the trigger's doing (a PostgreSQL view this simple takes an insert without one).
 */
async function insertsThroughView(db: TestDatabase, table: string, email: string): Promise<void> {
  await db.query(`INSERT INTO v_users (email) VALUES ('${email.toUpperCase()}')`)
  const rows = await db.query(`SELECT email FROM "${table}" WHERE email = '${email}'`)
  assert.deepEqual(rows, [{ email }], `the INSTEAD OF trigger inserted ${email} into "${table}"`)
}

async function checkClean(base: readonly string[]): Promise<void> {
  const checked = await cli([...base, 'check'])
  assert.equal(checked.stdout, CLEAN, checked.stderr)
}

for (const dialect of ['sqlite', 'postgresql'] as const) {
  for (const table of ['users', 'User Accounts']) {
    describe(`${dialect}: an INSTEAD OF trigger on a view over "${table}" outlives the view's recreation`, () => {
      const db = useTestDatabase(dialect)
      const ws = useWorkspace(db)

      test('migrate, upgrade, check clean, downgrade, upgrade: the trigger inserts through the view after each', async () => {
        writeFileSync(ws.models, models(dialect, table, false))
        await cliOk([...ws.base, 'migrate', '-m', 'users, view and trigger'])
        await cliOk([...ws.base, 'upgrade'])
        await checkClean(ws.base)
        await insertsThroughView(db, table, 'a@example.com')

        writeFileSync(ws.models, models(dialect, table, true))
        const migrated = await cliOk([...ws.base, 'migrate', '-m', 'email loosened'])
        assert.doesNotMatch(migrated.stderr, /could not lint/)
        const offline = await cli([...ws.base, 'upgrade', '--sql'])
        assert.equal(offline.status, 0, offline.stderr)
        await cliOk([...ws.base, 'upgrade'])
        await checkClean(ws.base)
        await insertsThroughView(db, table, 'b@example.com')

        await cliOk([...ws.base, 'downgrade', '-1'])
        await insertsThroughView(db, table, 'c@example.com')

        await cliOk([...ws.base, 'upgrade'])
        await checkClean(ws.base)
        await insertsThroughView(db, table, 'd@example.com')
      })
    })
  }
}
