import assert from 'node:assert/strict'
import { existsSync, linkSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { cliOk, runBin } from '../helpers/cli.js'
import { chain, temporaryProjects, versionRows } from '../helpers/project.js'

// A stamp through a hard link holds another lock file than a run through the
// first path, so it may plan from version rows that run moves before the
// stamp gets SQLite's write lock. The stamp reads the rows again under that
// lock and stops, as upgrade and downgrade do, instead of writing its plan
// over the other run's work (or a history row for a stamp that did nothing).

const project = temporaryProjects()

/** Polls until another process holds the write lock of `file` (a lock file athanor holds for its run). */
async function heldElsewhere(file: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (existsSync(file)) {
      const probe = new Database(file, { timeout: 0 })
      try {
        probe.exec('BEGIN IMMEDIATE')
        probe.exec('ROLLBACK')
      } catch {
        return
      } finally {
        probe.close()
      }
    }
    await sleep(50)
  }
  throw new Error(`nobody took ${file}`)
}

describe('stamp through a second path while another run moves the version rows', () => {
  for (const purge of [true, false]) {
    test(`stamp r1${purge ? ' --purge' : ''} fails with VERSION_TABLE_CHANGED and changes nothing`, async () => {
      const made = project(chain(['r1', 'r2', 'r3']))
      await cliOk([...made.base, 'upgrade', 'r1'])
      const hard = join(made.root, 'hard.db')
      linkSync(made.dbPath, hard)
      const historyRows = () => {
        const db = new Database(made.dbPath, { readonly: true })
        const n = (db.prepare('SELECT count(*) AS n FROM athanor_version_history').get() as { n: number }).n
        db.close()
        return n
      }
      const before = historyRows()
      // The other run: it has taken SQLite's write lock and moved r1 to r2, not yet committed.
      const other = new Database(made.dbPath)
      other.exec('BEGIN IMMEDIATE')
      other.exec("UPDATE athanor_version SET version_num = 'r2'")
      const stamping = runBin(['-d', made.migrations, '--url', `sqlite:///${hard}`, 'stamp', 'r1', ...(purge ? ['--purge'] : [])], {
        cwd: made.root,
      })
      // The stamp holds its own lock (hard.db's lock file) and reads r1; then it waits for the write lock.
      await heldElsewhere(`${hard}-athanor-lock`)
      await sleep(700)
      other.exec('COMMIT')
      other.close()
      const result = await stamping
      assert.equal(result.status, 1, result.stderr + result.stdout)
      assert.match(result.stderr, /the version table changed under this run: it holds r2 where this run expected r1/)
      assert.doesNotMatch(result.stdout, /Stamped/)
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
      assert.equal(historyRows(), before, 'no history row for a stamp that did not happen')
    })
  }
})
