import { AthanorError } from '../core/errors.js'
import { durationMs } from './duration.js'

/** How long a run waits for the migration lock when nothing says otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000

/**
 * Reads a lock timeout as the config and `--lock-timeout` write it: a number
 * of seconds, or a string with an optional unit. Returns milliseconds.
 * Seconds are the unit because a timeout a person types is seconds-sized.
 *
 * @example
 * parseLockTimeout(90)      // 90000
 * parseLockTimeout('2m')    // 120000
 * parseLockTimeout('500ms') // 500
 * parseLockTimeout('0')     // 0: fail at once when another run holds the lock
 */
export function parseLockTimeout(value: number | string, option = 'lockTimeout'): number {
  const ms = durationMs(value)
  if (ms !== undefined) return ms
  throw new AthanorError(
    'INVALID_LOCK_TIMEOUT',
    `${option} must be a number of seconds or a duration like '90s', '2m' or '500ms', not ${JSON.stringify(value)}`,
  )
}
