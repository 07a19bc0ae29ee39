import { AthanorError } from '../core/errors.js'

/** How long a run waits for the migration lock when nothing says otherwise. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 }

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
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.round(value * 1000)
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value)
    if (match) return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!)
  }
  throw new AthanorError(
    'INVALID_LOCK_TIMEOUT',
    `${option} must be a number of seconds or a duration like '90s', '2m' or '500ms', not ${JSON.stringify(value)}`,
  )
}
