import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { cli } from '../helpers/cli.js'
import { type RevisionDef, temporaryProjects, versionRows } from '../helpers/project.js'

// A live rebuild checks that the new table got every row of the old. The
// rows it copied were read with `SELECT changes()`, which tells the last
// INSERT, UPDATE or DELETE the connection ran: in a `transactional = false`
// script that is the journal's UPDATE of the history row after the copy,
// not the copy, so an empty table was reported "1 of 0 rows copied" and a
// table of several rows failed the same way.

const project = temporaryProjects()

const CREATE: RevisionDef = {
  id: 'r1',
  message: 'item',
  upgrade: "  await op.execute('CREATE TABLE item (id INTEGER PRIMARY KEY, v TEXT)')",
  downgrade: "  await op.execute('DROP TABLE item')",
}

function rebuild(transactional: boolean): RevisionDef {
  return {
    id: 'r2',
    down: 'r1',
    message: 'v not null',
    upgrade: "  await op.alterColumn('item', 'v', { nullable: false })",
    downgrade: "  await op.alterColumn('item', 'v', { nullable: true })",
    ...(transactional ? {} : { extra: 'export const transactional = false' }),
  }
}

function fill(path: string, rows: number): void {
  if (rows === 0) return
  const db = new Database(path)
  db.prepare("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) INSERT INTO item (v) SELECT 'x' FROM k").run(rows)
  db.close()
}

describe('a live rebuild reports the rows it copied, whatever else the connection ran', () => {
  for (const transactional of [true, false])
    for (const rows of [0, 1, 3]) {
      test(`${transactional ? 'in the runner transaction' : 'transactional = false'}, ${rows} rows`, async () => {
        const made = project([CREATE, rebuild(transactional)])
        assert.equal((await cli([...made.base, 'upgrade', 'r1'])).status, 0)
        fill(made.dbPath, rows)
        const result = await cli([...made.base, 'upgrade'])
        assert.equal(result.status, 0, result.stderr)
        assert.match(result.stderr, /SQLite: rebuilt table "item"/)
        assert.deepEqual(versionRows(made.dbPath), ['r2'])
        assert.equal(countItems(made.dbPath), rows)
      })
    }

  // 100,010 rows on a terminal, which shows the copy's progress: two ranges of rowids, each followed by the journal's write.
  test('transactional = false, a table copied in ranges of rowids', async () => {
    const made = project([CREATE, rebuild(false)])
    assert.equal((await cli([...made.base, 'upgrade', 'r1'])).status, 0)
    fill(made.dbPath, 100_010)
    const result = await cli([...made.base, 'upgrade'], {}, { tty: true })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /SQLite: rebuilt table "item" \(column "v": nullability\), 100010 rows copied/)
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(countItems(made.dbPath), 100_010)
  })
})

function countItems(path: string): number {
  const db = new Database(path, { readonly: true })
  const n = (db.prepare('SELECT count(*) AS n FROM item').get() as { n: number }).n
  db.close()
  return n
}
