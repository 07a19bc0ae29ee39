import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, cli } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { target } from './fixtures.js'

// A unique index built concurrently over duplicate values fails after its
// catalog entry was committed: a failed step leaves it INVALID as a killed
// runner does (test/concurrency/postgresql-invalid-index.test.ts).

const project = temporaryProjects()

const ITEMS = 'a10000000001'
const UNIQUE = 'b20000000002'

const items: RevisionDef = {
  id: ITEMS,
  down: null,
  ext: 'js',
  upgrade: [
    "  await op.createTable('items', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'text' }])",
    "  await op.execute(\"INSERT INTO items VALUES (1, 'once'), (2, 'twice'), (3, 'twice')\")",
  ].join('\n'),
}

function uniqueIndex(body: string): RevisionDef {
  return {
    id: UNIQUE,
    down: ITEMS,
    ext: 'js',
    upgrade: body,
    downgrade: "  await op.execute('DROP INDEX CONCURRENTLY ux_items_name')",
    extra: 'export const transactional = false',
  }
}

async function validity(db: TestDatabase, schema: string, name: string): Promise<boolean[]> {
  const rows = await db.query(
    'SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid ' +
      'JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
    [schema, name],
  )
  return rows.map((row) => row['valid'] === true)
}

describe('PostgreSQL resolve --retry drops only the invalid index its step built', () => {
  const db = useTestDatabase('postgresql')
  let made: Project
  let url: string
  const athanor = (...args: string[]) => cli([...target(made.migrations, url), ...args], {})

  test('an unqualified table resolves through the URL’s schema; the same name in public is not the step’s', async () => {
    await db.query('CREATE SCHEMA shop')
    url = `${db.url}?schema=shop`
    made = project([items, uniqueIndex("  await op.execute('CREATE UNIQUE INDEX CONCURRENTLY ux_items_name ON items (name)')")])
    // public holds a table and an invalid index of the same names, left by someone else.
    await db.query("CREATE TABLE public.items (name text); INSERT INTO public.items VALUES ('dup'), ('dup')")
    await assert.rejects(db.query('CREATE UNIQUE INDEX CONCURRENTLY ux_items_name ON public.items (name)'), /could not create unique index/)

    const failed = await athanor('upgrade')
    assertCleanError(failed, `revision ${UNIQUE}`, 'could not create unique index')
    assert.deepEqual(await validity(db, 'shop', 'ux_items_name'), [false])

    await db.query('DELETE FROM shop.items WHERE id = 3')
    const retried = await athanor('resolve', UNIQUE, '--retry')
    assert.equal(retried.status, 0, retried.stderr)
    assert.match(retried.stderr, /^Dropped the invalid index "shop"\."ux_items_name" on table items /m)
    assert.match(retried.stderr, /^warning: index "public"\."ux_items_name" on table items is INVALID/m)
    assert.deepEqual(await validity(db, 'shop', 'ux_items_name'), [true])
    assert.deepEqual(await validity(db, 'public', 'ux_items_name'), [false])
    assert.deepEqual(
      (await db.query('SELECT version_num FROM shop.athanor_version')).map((row) => row['version_num']),
      [UNIQUE],
    )
  })
})

describe('PostgreSQL resolve with an invalid index and a script that cannot be rendered', () => {
  const db = useTestDatabase('postgresql')
  let made: Project
  const athanor = (...args: string[]) => cli([...target(made.migrations, db.url), ...args], {})

  test('refuses to guess whose the index is, and drops nothing', async () => {
    made = project([
      items,
      uniqueIndex(
        [
          "  const [row] = await op.query('SELECT count(*) AS n FROM items')",
          "  if (Number(row.n) > 0) await op.execute('CREATE UNIQUE INDEX CONCURRENTLY ux_items_name ON items (name)')",
        ].join('\n'),
      ),
    ])
    assertCleanError(await athanor('upgrade'), `revision ${UNIQUE}`, 'could not create unique index')
    assert.deepEqual(await validity(db, 'public', 'ux_items_name'), [false])
    await db.query('DELETE FROM items WHERE id = 3')

    for (const how of ['--retry', '--applied']) {
      const refused = await athanor('resolve', UNIQUE, how)
      assertCleanError(
        refused,
        'index "public"."ux_items_name" on table items',
        `revision ${UNIQUE}`,
        'op.query()',
        'DROP INDEX CONCURRENTLY',
      )
      assert.match(refused.stderr, /^error: .*INVALID/m)
      assert.deepEqual(await validity(db, 'public', 'ux_items_name'), [false])
    }

    // Dropped by hand, the retry goes through.
    await db.query('DROP INDEX CONCURRENTLY ux_items_name')
    const retried = await athanor('resolve', UNIQUE, '--retry')
    assert.equal(retried.status, 0, retried.stderr)
    assert.deepEqual(await validity(db, 'public', 'ux_items_name'), [true])
  })
})
