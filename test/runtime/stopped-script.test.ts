import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { LiveExecutor } from '../../src/runtime/live-executor.js'
import { StepGuard, StepStopped } from '../../src/runtime/step-guard.js'
import { guardTransactions } from '../../src/runtime/transaction-guard.js'

// On a synchronous connection a transactional step's script runs outside
// the async context the fence reads: what it sends once stopped is refused
// by the operations it is handed instead, and never reaches the database.

test('SQLite: what a stopped script sends after its step was stopped is refused before it runs', async () => {
  const connection = SqliteConnection.open(':memory:')
  const dialect = dialectNamed('sqlite')
  const executor = new LiveExecutor(connection, dialect, 'athanor_version')
  const guard = new StepGuard({ stepTimeoutMs: 50 }, connection, dialect.sessionTimeouts)
  let late: Promise<unknown> | undefined
  await connection.begin()
  const run = guard.run(async (stopped) => {
    const { sink } = guardTransactions(executor, 'r2', 'runner', stopped)
    await sink.run({ kind: 'execute', sql: 'CREATE TABLE half (id INT)' })
    await sleep(150)
    late = sink.run({ kind: 'execute', sql: 'CREATE TABLE late (id INT)' }).then(
      () => 'sent',
      (error: Error) => error.message,
    )
  }, true)
  await assert.rejects(run, StepStopped)
  await connection.rollback()
  await sleep(200)
  assert.equal(await late, 'the migration was stopped; its statement was not sent')
  assert.deepEqual(await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'"), [])
  await connection.close()
})
