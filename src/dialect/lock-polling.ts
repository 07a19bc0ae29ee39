import { setTimeout as sleep } from 'node:timers/promises'
import { LockTimeoutError } from '../core/error-classes.js'

import type { LockOptions, MigrationLock } from './lock.js'

export interface PollOptions {
  readonly scope: string
  readonly timeoutMs: number
  readonly onWait?: (message: string) => void
  readonly signal?: AbortSignal
}

const FIRST_DELAY_MS = 20
const MAX_DELAY_MS = 500

/**
 * Calls `tryOnce` until it takes the lock or the timeout passes. Polling,
 * rather than a blocking lock call, keeps the waiting session idle between
 * tries: on PostgreSQL a session blocked in `pg_advisory_lock` holds a
 * snapshot that `CREATE INDEX CONCURRENTLY` in the lock holder waits for, a
 * deadlock. The delay grows to MAX_DELAY_MS with jitter, so ten replicas
 * starting together do not retry in lock-step.
 *
 * @example
 * let held = true
 * setTimeout(() => { held = false }, 200) // the other run finishes
 * await pollForLock(async () => !held, { scope: 'app.db', timeoutMs: 60_000, onWait: console.error })
 * // stderr: waiting for another athanor run on app.db to finish…
 */
export async function pollForLock(tryOnce: () => Promise<boolean>, options: PollOptions): Promise<void> {
  if (await tryOnce()) return
  options.onWait?.(`waiting for another athanor run on ${options.scope} to finish…`)
  const deadline = performance.now() + options.timeoutMs
  let delay = FIRST_DELAY_MS
  while (performance.now() < deadline) {
    const wait = Math.min(delay * (0.5 + Math.random()), Math.max(0, deadline - performance.now()))
    await sleep(wait, undefined, options.signal ? { signal: options.signal } : {})
    if (await tryOnce()) return
    delay = Math.min(delay * 1.6, MAX_DELAY_MS)
  }
  throw new LockTimeoutError(
    `another athanor run held the migration lock on ${options.scope} for over ${formatSeconds(options.timeoutMs)}; ` +
      'gave up (raise --lock-timeout or lockTimeout in athanor.config.ts)',
    { scope: options.scope, timeoutMs: options.timeoutMs },
  )
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`
}

/**
 * A lock the server holds for the session (PostgreSQL's advisory lock,
 * MySQL's GET_LOCK): polled with `tryLock` until granted or timed out,
 * released with `release`.
 *
 * @example
 * import { lockGranted } from './lock.js'
 * import { openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * const lock = await pollServerLock('app', { versionTable: 'athanor_version', timeoutMs: 60_000 },
 *   async () => lockGranted((await connection.query('SELECT pg_try_advisory_lock(42) AS locked'))[0]?.['locked']),
 *   async () => { await connection.query('SELECT pg_advisory_unlock(42)') })
 */
export async function pollServerLock(
  scope: string,
  options: LockOptions,
  tryLock: () => Promise<boolean>,
  release: () => Promise<void>,
): Promise<MigrationLock> {
  await pollForLock(tryLock, {
    scope,
    timeoutMs: options.timeoutMs,
    ...(options.onWait ? { onWait: options.onWait } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return { scope, release }
}
