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

/** A migration whose script runs, for a failure outside its promise to be pinned on. */
interface RunningStep {
  readonly revision: string
  readonly direction: 'upgrade' | 'downgrade'
  readonly source: string
}

/** The migration running now. */
let running: RunningStep | undefined

/** The last migration marked running, to name once no script runs any more. */
let lastRunning: RunningStep | undefined

/**
 * Marks the migration that runs now (or none): read by the CLI when a
 * script's timer or unawaited promise fails outside the run's own await.
 *
 * @example
 * markRunning({ revision: 'ae1027a6acf0', direction: 'upgrade', source: 'migrations/versions/ae1027a6acf0_add.ts' })
 */
export function markRunning(step: RunningStep | undefined): void {
  running = step
  if (step !== undefined) lastRunning = step
}

/**
 * The migration running now, if any.
 *
 * @example
 * runningStep()?.revision
 */
export function runningStep(): RunningStep | undefined {
  return running
}

/**
 * The last migration marked running, whether or not its script still runs.
 *
 * @example
 * lastRunningStep()?.revision
 */
export function lastRunningStep(): RunningStep | undefined {
  return lastRunning
}

/** Who takes a failure thrown outside a script's await, while a run can still fail a migration with it. */
let strayCatcher: ((thrown: unknown) => void) | undefined

/**
 * Makes `catcher` the one handed failures that a script's timer or unawaited
 * promise throws outside the run's own await, until the returned function
 * is called: the run fails the migration with it, as a throw inside its
 * await would (see StepGuard.watchStrayFailures).
 *
 * @example
 * declare function work(): Promise<void>
 * const release = catchStrayFailures((thrown) => console.error('stray:', thrown))
 * try { await work() } finally { release() }
 */
export function catchStrayFailures(catcher: (thrown: unknown) => void): () => void {
  const previous = strayCatcher
  strayCatcher = catcher
  return () => {
    strayCatcher = previous
  }
}

/**
 * Hands a failure thrown outside any await to the run that catches such
 * failures; false when none does, and the caller must end the process.
 *
 * @example
 * process.on('uncaughtException', (error) => {
 *   if (!handOverStrayFailure(error)) process.exit(1)
 * })
 */
export function handOverStrayFailure(thrown: unknown): boolean {
  if (strayCatcher === undefined) return false
  strayCatcher(thrown)
  return true
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
