import { AthanorError } from '../core/errors.js'
import type { AthanorConfig } from './config.js'
import { DURATION_FORMS, durationMs } from './duration.js'

/**
 * The time limits of a run, as options and the config give them: seconds,
 * or a duration with a unit (`'30s'`, `'5m'`, `'300ms'`). An option wins
 * over the config's setting; 0 means no limit, which is the default.
 *
 * @example
 * const limits: RunTimeoutOptions = { stepTimeout: '5m' }
 * await upgrade({ directory: 'migrations', ...limits })
 */
export interface RunTimeoutOptions {
  /** How long one migration may run before it is cancelled and rolled back. */
  readonly stepTimeout?: number | string
}

/** The limits in milliseconds; an absent one is not set. */
export interface RunTimeouts {
  readonly stepTimeoutMs?: number
}

/** Each limit's CLI flag, named in its error message. */
const FLAGS: Readonly<Record<keyof RunTimeoutOptions, string>> = {
  stepTimeout: '--step-timeout',
}

/**
 * The run's limits: each option over the config's setting.
 *
 * @example
 * runTimeouts({}, { stepTimeout: '5m' }) // { stepTimeoutMs: 300000 }
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
  return step === undefined ? {} : { stepTimeoutMs: step }
}

/** The config's timeout settings that are not durations, as error lines. */
export function invalidTimeoutSettings(config: Readonly<Record<string, unknown>>): string[] {
  return (Object.keys(FLAGS) as (keyof RunTimeoutOptions)[])
    .filter((name) => config[name] !== undefined && durationMs(config[name]) === undefined)
    .map((name) => `${name} must be ${DURATION_FORMS}, not ${JSON.stringify(config[name])}`)
}
