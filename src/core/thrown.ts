import { inspect } from 'node:util'

/**
 * What a script threw, as one line, whatever it threw: an Error's message,
 * a string, `undefined`, or an object with no prototype, which String()
 * itself would throw on.
 *
 * @example
 * describeThrown(Object.create(null)) // '[Object: null prototype] {}'
 */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message.split('\n')[0] ?? ''
  if (typeof value === 'string') return value.split('\n')[0] ?? ''
  try {
    return String(value)
  } catch {
    return inspect(value, { depth: 1, breakLength: Number.POSITIVE_INFINITY })
  }
}

/** The migration running now, so that a failure outside its promise can be pinned on it. */
let running: { readonly revision: string; readonly direction: string; readonly source: string } | undefined

/**
 * Marks the migration that runs now (or none): read by the CLI when a
 * script's timer or unawaited promise fails outside the run's own await.
 *
 * @example
 * markRunning({ revision: 'ae1027a6acf0', direction: 'upgrade', source: 'migrations/versions/ae1027a6acf0_add.ts' })
 */
export function markRunning(step: typeof running): void {
  running = step
}

/**
 * The migration running now, if any.
 *
 * @example
 * runningStep()?.revision
 */
export function runningStep(): typeof running {
  return running
}
