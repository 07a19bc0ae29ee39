import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { sqliteDialect } from '../../src/dialect/sqlite/dialect.js'
import type { Operation } from '../../src/ops/operation.js'
import { StepGuard, StepStopped } from '../../src/runtime/step-guard.js'
import { openDb, schemaOf } from './helpers.js'

// An isolated migration (a rebuild under enforced foreign keys) checks every
// foreign key of the database before its COMMIT, after the step guard's
// last look at the run's signal; on a large database the check takes as
// long as the rebuild. A signal that came meanwhile still rolls it back.

const dir = mkdtempSync(join(tmpdir(), 'athanor-stop-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const SETUP = `
  CREATE TABLE parent (id INTEGER PRIMARY KEY, label TEXT);
  CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);
  INSERT INTO parent VALUES (1, 'one'), (2, 'two');
  INSERT INTO child VALUES (1, 1), (2, 2);`

const REBUILD: Operation = { kind: 'alter_column', table: 'parent', column: 'label', changes: { nullable: false } }

for (const aborted of [true, false]) {
  const name = aborted ? 'a signal found before the isolated COMMIT rolls the rebuild back' : 'without a signal the rebuild commits'
  test(name, async () => {
    const { connection, executor, inspect } = openDb(join(dir, `${aborted}.sqlite`), SETUP)
    const before = schemaOf(inspect())
    const controller = new AbortController()
    const guard = new StepGuard({ signal: controller.signal }, connection, sqliteDialect.sessionTimeouts)
    // The signal comes once the script is done, as during the check before COMMIT.
    const work = async () => {
      await executor.run(REBUILD)
      if (aborted) controller.abort('SIGTERM')
    }
    const outcome = await executor
      .isolated(work, () => guard.stopIfSignalled())
      .then(
        () => undefined,
        (error: unknown) => error,
      )
    assert.deepEqual(await connection.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }], 'enforcement is back on')
    await connection.close()
    const db = inspect()
    if (aborted) {
      assert.ok(outcome instanceof StepStopped, String(outcome))
      assert.deepEqual(outcome.stop, { kind: 'signal', reason: 'SIGTERM' })
      assert.equal(outcome.started, true)
      assert.deepEqual(schemaOf(db), before)
    } else {
      assert.equal(outcome, undefined)
      assert.notDeepEqual(schemaOf(db), before)
    }
    assert.deepEqual(db.prepare('SELECT * FROM child ORDER BY id').all(), [
      { id: 1, parent_id: 1 },
      { id: 2, parent_id: 2 },
    ])
    db.close()
  })
}
