import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, type RevisionDef, temporaryProjects, versionRows } from '../helpers/project.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'

const project = temporaryProjects()

const OUTSIDE: RevisionDef = {
  id: 'r2',
  down: 'r1',
  upgrade: [
    "  await op.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, c TEXT)')",
    "  await op.execute('INSERT INTO t (id, c) VALUES (1, NULL)')",
    "  await op.alterColumn('t', 'c', { nullable: false })",
  ].join('\n'),
  downgrade: "  await op.execute('DROP TABLE t')",
  extra: 'export const transactional = false',
}

describe('a table rebuild that fails inside a transactional = false migration (SQLite)', () => {
  test('rolls back as a whole: only the statements before it are counted in effect, by the message and the journal', async () => {
    const made = project([...chain(['r1']), OUTSIDE])
    const result = await cli([...made.base, 'upgrade'])
    const message = assertCleanError(
      result,
      'upgrade of revision r2',
      'failed after statement 2 of the migration',
      'statements 1-2 took effect',
    )
    assert.match(message, /'athanor resolve r2 --continue' \(run the rest, from statement 3\)/)
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    const { entries } = JSON.parse((await cliOk([...made.base, 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }
    const row = entries.at(-1)!
    assert.equal(row.status, 'failed')
    assert.equal(row.statementsDone, 2)
    assert.equal(row.statement, null)

    // The cause fixed, --continue runs the rebuild, as the advice says, and skips the two statements before it.
    const db = new Database(made.dbPath)
    db.exec("UPDATE t SET c = 'x'")
    db.close()
    await cliOk([...made.base, 'resolve', 'r2', '--continue'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    const check = new Database(made.dbPath, { readonly: true })
    const sql = (check.prepare("SELECT sql FROM sqlite_master WHERE name = 't'").get() as { sql: string }).sql
    const rows = check.prepare('SELECT count(*) AS n FROM t').get() as { n: number }
    check.close()
    assert.match(sql, /"?c"? TEXT NOT NULL/i)
    assert.equal(rows.n, 1)
  })
})
