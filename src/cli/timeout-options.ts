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
    description: `fail a statement that waits longer for another session's lock (${DURATION}; default the server's)`,
  },
]

/** `--step-timeout`, `--statement-timeout` and `--ddl-lock-timeout`, as the options of the API (checked there). */
export function timeoutArgs(options: VerbArgs['options']): RunTimeoutOptions {
  const pick = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined)
  const step = pick('step-timeout')
  const statement = pick('statement-timeout')
  const lock = pick('ddl-lock-timeout')
  return {
    ...(step === undefined ? {} : { stepTimeout: step }),
    ...(statement === undefined ? {} : { statementTimeout: statement }),
    ...(lock === undefined ? {} : { ddlLockTimeout: lock }),
  }
}
