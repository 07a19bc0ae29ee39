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

let guards = 0
let realExit: typeof process.exit | undefined

/**
 * Runs `work` with `process.exit` turned into a throw: a script, config or
 * models module that calls it would otherwise end the runner with status 0
 * while its migration is not applied. The call fails the work instead,
 * naming `what`.
 *
 * @example
 * await withoutProcessExit('the script', async () => op.execute('VACUUM'))
 */
export async function withoutProcessExit<T>(what: string, work: () => Promise<T>): Promise<T> {
  if (guards++ === 0) {
    realExit = process.exit
    process.exit = ((code?: number | string | null) => {
      throw new Error(`${what} called process.exit(${code ?? ''}), which would end athanor midway`)
    }) as typeof process.exit
  }
  try {
    return await work()
  } finally {
    if (--guards === 0 && realExit !== undefined) process.exit = realExit
  }
}
