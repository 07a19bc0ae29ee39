import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { runBin, STACK_FRAME } from '../helpers/cli.js'
import { errorLines, startBin, waitUntil } from '../helpers/process.js'
import { allRows, type RevisionDef, schemaDump, temporaryProjects, versionRows } from '../helpers/project.js'
import { target } from '../concurrency/fixtures.js'

// A SQLite migration that rebuilds a table under enforced foreign keys runs
// apart from the run's transactions (foreign keys off, checked before its
// COMMIT). A signal while it runs must stop it as it stops any migration:
// rolled back, one line, status 130 or 143, the database at the revision before.

const project = temporaryProjects()

/** Keeps SQLite busy for a second or more: the signal lands while the isolated migration runs. */
const LONG_COUNT = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 8000000) SELECT count(*) FROM c'

/** r1: a parent and a child that refers to it, so that rebuilding the parent needs foreign keys off. */
const r1: RevisionDef = {
  id: 'r1',
  ext: 'js',
  message: 'parent and child',
  upgrade: [
    "  await op.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY, label TEXT)')",
    "  await op.execute('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE)')",
  ].join('\n'),
  downgrade: "  await op.execute('DROP TABLE child')\n  await op.execute('DROP TABLE parent')",
}

/**
 * r2: a rebuild of `parent`, then a long statement. Its first attempt, in
 * the run's transaction, stops at the rebuild and goes again isolated: only
 * that run reaches the marker.
 */
const r2: RevisionDef = {
  id: 'r2',
  down: 'r1',
  ext: 'js',
  message: 'label not null',
  upgrade: [
    "  await op.alterColumn('parent', 'label', { nullable: false })",
    // Awaited I/O, as a script's file or network read is: the statement after it runs from an I/O callback.
    "  if (op.x['marker']) await (await import('node:fs/promises')).writeFile(op.x['marker'], 'running')",
    `  await op.execute('${LONG_COUNT}')`,
  ].join('\n'),
  downgrade: "  await op.alterColumn('parent', 'label', { nullable: true })",
}

describe('SQLite: a signal during a migration that rebuilds a table', () => {
  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} rolls the rebuild back, exits ${status}, and leaves the database at the revision before`, async () => {
      const made = project([r1, r2])
      const base = target(made.migrations, made.url)
      const first = await runBin([...base, 'upgrade', 'r1'], { cwd: made.root })
      assert.equal(first.status, 0, first.stderr)
      const db = new Database(made.dbPath)
      db.exec(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 2000)
        INSERT INTO parent (id, label) SELECT i, 'p' || i FROM k;
        INSERT INTO child (parent_id) SELECT id FROM parent WHERE id % 2 = 0`)
      db.close()
      const schemaBefore = schemaDump(made.dbPath)
      const parentBefore = allRows(made.dbPath, 'parent')
      const childBefore = allRows(made.dbPath, 'child')

      const marker = join(made.root, 'marker')
      const child = startBin([...base, 'upgrade', '-x', `marker=${marker}`], { cwd: made.root })
      await waitUntil('the isolated migration runs its long statement', () => existsSync(marker), child)
      child.child.kill(signal)
      const result = await child.done

      const lines = errorLines(result.stderr)
      assert.equal(lines.length, 1, result.stderr)
      assert.match(lines[0]!, new RegExp(`^error: interrupted by ${signal} during r2 \\(label not null\\): rolled back r2; at r1$`))
      assert.equal(result.status, status, result.stderr)
      assert.doesNotMatch(result.stderr, STACK_FRAME)
      assert.deepEqual(versionRows(made.dbPath), ['r1'])
      assert.deepEqual(schemaDump(made.dbPath), schemaBefore)
      assert.deepEqual(allRows(made.dbPath, 'parent'), parentBefore)
      assert.deepEqual(allRows(made.dbPath, 'child'), childBefore)

      // The lock is free and enforcement is back: the next run takes the migration whole.
      const again = await runBin([...base, 'upgrade', '--lock-timeout', '0'], { cwd: made.root })
      assert.equal(again.status, 0, again.stderr)
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
      assert.deepEqual(allRows(made.dbPath, 'child'), childBefore)
    })
  }
})
