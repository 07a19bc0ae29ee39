import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { type RevisionDef, temporaryProjects, versionRows } from '../helpers/project.js'

// SQLite looks an unqualified table name up in the temp schema first
// (https://www.sqlite.org/lang_naming.html): a TEMP table of the same name
// on the connection would stand in for the table a rebuild copies, drops
// and replays indexes and triggers onto: the rebuild is refused, the table
// unchanged (it failed with "there is already another table or index").

const project = temporaryProjects()

const TABLE: RevisionDef = {
  id: 'r1',
  upgrade: [
    "  await op.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, c TEXT)')",
    "  await op.execute(\"INSERT INTO t VALUES (1, 'real'), (2, 'real')\")",
  ].join('\n'),
  downgrade: "  await op.execute('DROP TABLE t')",
}

const SHADOWED: RevisionDef = {
  id: 'r2',
  down: 'r1',
  upgrade: [
    "  await op.execute('CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, c TEXT)')",
    '  await op.execute("INSERT INTO temp.t VALUES (9, \'temp\')")',
    "  await op.alterColumn('t', 'c', { nullable: false })",
    "  await op.execute('DROP TABLE temp.t')",
  ].join('\n'),
  downgrade: "  await op.alterColumn('t', 'c', { nullable: true })",
}

/** The line's parts that name the TEMP table, the way out, and the table as it was. */
const REFUSAL = [
  'rebuilding table "t" failed: a TEMP table "t" on the migration\'s connection would stand in for the table "t"',
  'drop it or rename it before the rebuild',
  'the table is unchanged',
]

describe('SQLite: a rebuild next to a TEMP table of the same name', () => {
  for (const transactional of [true, false]) {
    test(`is refused before it changes anything, naming the TEMP table (transactional = ${transactional})`, async () => {
      const made = project([TABLE, transactional ? SHADOWED : { ...SHADOWED, extra: 'export const transactional = false' }])
      const message = assertCleanError(await cli([...made.base, 'upgrade']), 'upgrade of revision r2', ...REFUSAL)
      if (!transactional) assert.match(message, /statements 1-2 took effect/)
      assert.deepEqual(versionRows(made.dbPath), ['r1'])
      const db = new Database(made.dbPath, { readonly: true })
      const rows = db.prepare('SELECT id, c FROM main.t ORDER BY id').all()
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 't'").get() as { sql: string }).sql
      db.close()
      assert.deepEqual(rows, [
        { id: 1, c: 'real' },
        { id: 2, c: 'real' },
      ])
      assert.doesNotMatch(sql, /NOT NULL/i)
    })
  }

  test('a TEMP view of the same name is refused the same way, naming it a view', async () => {
    const viewed = {
      ...SHADOWED,
      upgrade: ["  await op.execute('CREATE TEMP VIEW t AS SELECT 1 AS id')", "  await op.alterColumn('t', 'c', { nullable: false })"].join(
        '\n',
      ),
    }
    const made = project([TABLE, viewed])
    assertCleanError(
      await cli([...made.base, 'upgrade']),
      'a TEMP view "t" on the migration\'s connection would stand in for the table "t"',
    )
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
  })

  test('without the TEMP table the same rebuild runs', async () => {
    const plain = { ...SHADOWED, upgrade: "  await op.alterColumn('t', 'c', { nullable: false })" }
    const made = project([TABLE, plain])
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
  })
})
