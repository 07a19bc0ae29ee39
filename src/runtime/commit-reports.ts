import type { PlanStep } from '../revision/types.js'
import type { MigrationExecutor } from './executor.js'
import type { RunReporter } from './reporter.js'

/** The methods after which everything the run did so far is committed. */
const COMMITS = new Set<PropertyKey>(['commit', 'commitAndBegin', 'commitTogether', 'isolated'])

/**
 * Holds each `stepFinished` back until the step has committed: with a
 * savepoint per migration a step ends well before the commit that keeps it
 * (savepointPerStep), and in single mode nothing commits before the end.
 * Progress must never count a migration that a crash or an interruption
 * would still roll back. Returns the executor to run with, whose commits
 * release the reports held so far, the `stepFinished` to call,
 * `committed`, for a commit made by other means (a step's record that
 * carried its COMMIT), `runCommitted`, for when the run's last
 * transaction has ended, and `uncommitted`, the steps held so far.
 *
 * @example
 * import type { MigrationExecutor } from './executor.js'
 * import type { PlanStep } from '../revision/types.js'
 * declare const executor: MigrationExecutor
 * declare const reporter: RunReporter
 * declare const step: PlanStep
 * const reports = reportOnCommit(executor, reporter)
 * await reports.executor.begin() // ... a step runs ...
 * reports.stepFinished(step, 0, 1, 12) // held
 * await reports.executor.commit() // now the reporter hears it
 */
export function reportOnCommit(
  executor: MigrationExecutor,
  reporter: RunReporter,
): {
  executor: MigrationExecutor
  stepFinished: RunReporter['stepFinished']
  committed: () => void
  runCommitted: () => void
  uncommitted: () => PlanStep[]
} {
  const held: Array<{ readonly step: PlanStep; readonly report: () => void }> = []
  const release = () => {
    for (const { report } of held.splice(0)) report()
  }
  // One wrapper per method, made on first use: the runner calls several in every step.
  const wrapped = new Map<PropertyKey, unknown>()
  const committing = new Proxy(executor, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown
      if (typeof value !== 'function') return value
      const known = wrapped.get(property)
      if (known !== undefined) return known
      const method = (value as (...args: unknown[]) => unknown).bind(target)
      const wrapper = COMMITS.has(property)
        ? async (...args: unknown[]) => {
            const result = await method(...args)
            release()
            return result
          }
        : method
      wrapped.set(property, wrapper)
      return wrapper
    },
  })
  return {
    executor: committing,
    stepFinished: (step: PlanStep, index: number, total: number, elapsedMs: number) => {
      held.push({ step, report: () => reporter.stepFinished(step, index, total, elapsedMs) })
    },
    committed: release,
    runCommitted: release,
    /** The steps that finished and wait for a commit: what a failed commit loses. */
    uncommitted: () => held.map(({ step }) => step),
  }
}
