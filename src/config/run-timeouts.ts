import { AthanorError } from '../core/errors.js'
import type { AthanorConfig } from './config.js'
import { DURATION_FORMS, durationMs } from './duration.js'

/**
 * The time limits of a run, as options and the config give them: seconds,
 * or a duration with a unit (`'30s'`, `'5m'`, `'300ms'`). An option wins
 * over the config's setting; 0 means no limit. `ddlLockRetries` is a count.
 *
 * @example
 * const limits: RunTimeoutOptions = { stepTimeout: '5m', statementTimeout: '30s', ddlLockTimeout: '2s', ddlLockRetries: 4 }
 * await upgrade({ directory: 'migrations', ...limits })
 */
export interface RunTimeoutOptions {
  /** How long one migration may run before it is cancelled and rolled back. */
  readonly stepTimeout?: number | string
  /** How long one statement may run before the database cancels it (PostgreSQL, MariaDB; see the README for MySQL and SQLite). */
  readonly statementTimeout?: number | string
  /** How long one statement may wait for a lock another session holds on a table or row (PostgreSQL default: 2 s). */
  readonly ddlLockTimeout?: number | string
  /** How many times a migration rolled back after ddlLockTimeout runs again (default 4). */
  readonly ddlLockRetries?: number | string
  /** The first wait before such a retry; each next one doubles, with jitter (default 1 s). */
  readonly ddlLockRetryDelay?: number | string
}

/** The limits in milliseconds; an absent one is not set, and a `ddlLockTimeoutMs` of 0 was set to none on purpose. */
export interface RunTimeouts {
  readonly stepTimeoutMs?: number
  readonly statementTimeoutMs?: number
  readonly ddlLockTimeoutMs?: number
  readonly ddlLockRetries?: number
  readonly ddlLockRetryDelayMs?: number
}

type DurationOption = Exclude<keyof RunTimeoutOptions, 'ddlLockRetries'>

/** Each option's CLI flag, named in its error message. */
const FLAGS: Readonly<Record<keyof RunTimeoutOptions, string>> = {
  stepTimeout: '--step-timeout',
  statementTimeout: '--statement-timeout',
  ddlLockTimeout: '--ddl-lock-timeout',
  ddlLockRetries: '--ddl-lock-retries',
  ddlLockRetryDelay: '--ddl-lock-retry-delay',
}

/** The most retries a run accepts: past it the backoff alone would wait for hours. */
export const MAX_DDL_LOCK_RETRIES = 100

export const RETRY_COUNT_FORM = `a whole number from 0 to ${MAX_DDL_LOCK_RETRIES}`

/**
 * A retry count as the config or a flag gives it, or `undefined` when it is not one.
 *
 * @example
 * retryCount('3') // 3
 * retryCount(-1)  // undefined
 */
export function retryCount(value: unknown): number | undefined {
  const count = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_DDL_LOCK_RETRIES ? count : undefined
}

/**
 * The run's limits: each option over the config's setting.
 *
 * @example
 * runTimeouts({ stepTimeout: '300ms' }, { statementTimeout: 30 }) // { stepTimeoutMs: 300, statementTimeoutMs: 30000 }
 */
export function runTimeouts(options: RunTimeoutOptions, config: AthanorConfig): RunTimeouts {
  const invalid = (name: keyof RunTimeoutOptions, form: string, value: unknown) =>
    new AthanorError('INVALID_OPTION', `${name} (${FLAGS[name]}) must be ${form}, not ${JSON.stringify(value)}`)
  const duration = (name: DurationOption): number | undefined => {
    const value = options[name] ?? config[name]
    if (value === undefined) return undefined
    const ms = durationMs(value)
    if (ms === undefined) throw invalid(name, DURATION_FORMS, value)
    return ms
  }
  const limit = (name: DurationOption): number | undefined => {
    const ms = duration(name)
    return ms === 0 ? undefined : ms
  }
  const retriesGiven = options.ddlLockRetries ?? config.ddlLockRetries
  const retries = retriesGiven === undefined ? undefined : retryCount(retriesGiven)
  if (retriesGiven !== undefined && retries === undefined) throw invalid('ddlLockRetries', RETRY_COUNT_FORM, retriesGiven)
  const settings: Record<keyof RunTimeouts, number | undefined> = {
    stepTimeoutMs: limit('stepTimeout'),
    statementTimeoutMs: limit('statementTimeout'),
    // 0 stays: it turns the dialect's default lock timeout off.
    ddlLockTimeoutMs: duration('ddlLockTimeout'),
    ddlLockRetries: retries,
    ddlLockRetryDelayMs: duration('ddlLockRetryDelay'),
  }
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as RunTimeouts
}
