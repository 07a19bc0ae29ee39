import { AthanorError } from '../core/errors.js'
import type { AthanorConfig } from './config.js'
import { DURATION_FORMS, durationMs } from './duration.js'

/**
 * The time limits of a run, as options and the config give them: seconds,
 * or a duration with a unit (`'30s'`, `'5m'`, `'300ms'`). An option wins
 * over the config's setting; 0 means no limit, which is the default.
 *
 * @example
 * const limits: RunTimeoutOptions = { stepTimeout: '5m', statementTimeout: '30s', ddlLockTimeout: '2s' }
 * await upgrade({ directory: 'migrations', ...limits })
 */
export interface RunTimeoutOptions {
  /** How long one migration may run before it is cancelled and rolled back. */
  readonly stepTimeout?: number | string
  /** How long one statement may run before the database cancels it (PostgreSQL, MariaDB; see the README for MySQL and SQLite). */
  readonly statementTimeout?: number | string
  /** How long one statement may wait for a lock another session holds on a table or row. */
  readonly ddlLockTimeout?: number | string
}

/** The limits in milliseconds; an absent one is not set. */
export interface RunTimeouts {
  readonly stepTimeoutMs?: number
  readonly statementTimeoutMs?: number
  readonly ddlLockTimeoutMs?: number
}

/** Each limit's CLI flag, named in its error message. */
const FLAGS: Readonly<Record<keyof RunTimeoutOptions, string>> = {
  stepTimeout: '--step-timeout',
  statementTimeout: '--statement-timeout',
  ddlLockTimeout: '--ddl-lock-timeout',
}

/**
 * The run's limits: each option over the config's setting.
 *
 * @example
 * runTimeouts({ stepTimeout: '300ms' }, { statementTimeout: 30 }) // { stepTimeoutMs: 300, statementTimeoutMs: 30000 }
 */
export function runTimeouts(options: RunTimeoutOptions, config: AthanorConfig): RunTimeouts {
  const limit = (name: keyof RunTimeoutOptions): number | undefined => {
    const value = options[name] ?? config[name]
    if (value === undefined) return undefined
    const ms = durationMs(value)
    if (ms === undefined) {
      throw new AthanorError('INVALID_OPTION', `${name} (${FLAGS[name]}) must be ${DURATION_FORMS}, not ${JSON.stringify(value)}`)
    }
    return ms === 0 ? undefined : ms
  }
  const step = limit('stepTimeout')
  const statement = limit('statementTimeout')
  const lock = limit('ddlLockTimeout')
  return {
    ...(step === undefined ? {} : { stepTimeoutMs: step }),
    ...(statement === undefined ? {} : { statementTimeoutMs: statement }),
    ...(lock === undefined ? {} : { ddlLockTimeoutMs: lock }),
  }
}
