import type { RunTimeoutOptions } from '../config/run-timeouts.js'
import type { OptionSpec } from './argv.js'
import type { VerbArgs } from './verbs/shared.js'

const DURATION = 'seconds, or 30s/5m/300ms; 0 for none'

/** The run's time limits, for every verb that runs migration scripts. */
export const timeoutOptions: readonly OptionSpec[] = [
  { name: 'step-timeout', value: true, description: `cancel and roll back a migration that runs longer (${DURATION}; default none)` },
]

/** `--step-timeout`, as the option of the API (checked there). */
export function timeoutArgs(options: VerbArgs['options']): RunTimeoutOptions {
  const pick = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined)
  const step = pick('step-timeout')
  return step === undefined ? {} : { stepTimeout: step }
}
