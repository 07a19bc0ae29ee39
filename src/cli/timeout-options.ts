import type { RunTimeoutOptions } from '../config/run-timeouts.js'
import type { OptionSpec } from './argv.js'
import type { VerbArgs } from './verbs/shared.js'

const DURATION = 'seconds, or 30s/5m/300ms; 0 for none'

/** The run's time limits, for every verb that runs migration scripts. */
export const timeoutOptions: readonly OptionSpec[] = [
  { name: 'step-timeout', value: true, description: `cancel and roll back a migration that runs longer (${DURATION}; default none)` },
  {
    name: 'statement-timeout',
    value: true,
    description: `have the database cancel a statement that runs longer (${DURATION}; default the server's)`,
  },
  {
    name: 'ddl-lock-timeout',
    value: true,
    description: `fail a statement that waits longer for another session's lock (${DURATION}; default 2s on PostgreSQL, else the server's)`,
  },
  {
    name: 'ddl-lock-retries',
    value: true,
    description: 'times a migration rolled back after --ddl-lock-timeout runs again (default 4; 0 for none)',
  },
  {
    name: 'ddl-lock-retry-delay',
    value: true,
    description: 'the wait before the first such retry, doubling after each, with jitter (seconds, or 500ms; default 1)',
  },
]

/** The lock-wait limits alone, for a verb that runs no script but waits for locks as a migration does (stamp). */
export const ddlLockOptions: readonly OptionSpec[] = timeoutOptions.filter((option) => option.name.startsWith('ddl-lock-'))

/** Each flag and the option of the API it gives (checked there). */
const FLAG_OPTIONS: Readonly<Record<string, keyof RunTimeoutOptions>> = {
  'step-timeout': 'stepTimeout',
  'statement-timeout': 'statementTimeout',
  'ddl-lock-timeout': 'ddlLockTimeout',
  'ddl-lock-retries': 'ddlLockRetries',
  'ddl-lock-retry-delay': 'ddlLockRetryDelay',
}

/** The time-limit flags given, as the options of the API. */
export function timeoutArgs(options: VerbArgs['options']): RunTimeoutOptions {
  const given: Record<string, string> = {}
  for (const [flag, option] of Object.entries(FLAG_OPTIONS)) {
    const value = options[flag]
    if (typeof value === 'string') given[option] = value
  }
  return given as RunTimeoutOptions
}
