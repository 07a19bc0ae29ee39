import { AthanorError } from '../errors.js'
import { Operations } from '../ops/operations.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import type { TransactionMode } from '../config/config.js'
import type { MigrationExecutor } from './executor.js'
import type { RunReporter } from './reporter.js'
import { savepointPerStep, singleTransaction, transactionPerStep, type StepTransactions } from './step-transactions.js'

export interface RunOptions {
  readonly transactionMode: TransactionMode
  /** `-x key=value` arguments handed to the scripts. */
  readonly x: Readonly<Record<string, string>>
  readonly tag?: string
  readonly reporter: RunReporter
  /** Create the version table first (a live run, or an offline run from base). */
  readonly createVersionTable: boolean
}

/**
 * Runs a plan's steps in order. Per-migration mode makes each script atomic
 * with its version-row change, so a failure leaves the database exactly at
 * the last revision that succeeded; single mode is all or nothing.
 * Every script of the plan is imported before anything runs: a script that
 * does not load must not leave the database half-way along the plan.
 */
export async function runPlan(
  executor: MigrationExecutor,
  scripts: ScriptDirectory,
  steps: readonly PlanStep[],
  options: RunOptions,
): Promise<void> {
  const modules = await Promise.all(steps.map((step) => scripts.loadModule(step.revision)))
  const transactions = chooseTransactions(executor, options.transactionMode)
  await transactions.startRun()
  // Each unit either ends its step or fails it; failStep is called once.
  const atomically = async (work: () => Promise<void>, describeFailure: (error: unknown) => Error) => {
    await transactions.startStep()
    try {
      await work()
    } catch (error) {
      await transactions.failStep()
      throw describeFailure(error)
    }
    await transactions.endStep()
  }
  if (options.createVersionTable) await atomically(() => executor.ensureVersionTable(), (error) => error as Error)
  for (const [index, step] of steps.entries()) {
    const script = scripts.script(step.revision)
    const started = performance.now()
    options.reporter.stepStarted(step, index, steps.length, script.message)
    await atomically(
      async () => {
        await executor.note(describeStep(step, script.message))
        const op = new Operations(executor, {
          revision: step.revision,
          direction: step.direction,
          x: options.x,
          source: script.source,
          ...(options.tag === undefined ? {} : { tag: options.tag }),
        })
        await modules[index]![step.direction](op)
        await op.settle()
        await executor.applyVersionChanges(step.versionChanges)
      },
      (error) => stepFailure(error, step, script.source),
    )
    options.reporter.stepFinished(step, index, steps.length, performance.now() - started)
  }
  await transactions.endRun()
}

function chooseTransactions(executor: MigrationExecutor, mode: TransactionMode): StepTransactions {
  if (mode === 'single') return singleTransaction(executor)
  return executor.offline ? transactionPerStep(executor) : savepointPerStep(executor)
}

/** Alembic's wording, so logs read the same: `Running upgrade A -> B, message`. */
export function describeStep(step: PlanStep, message: string): string {
  const from = step.fromRevisions.join(', ')
  const to = step.toRevisions.join(', ')
  return `Running ${step.direction} ${from} -> ${to}${message ? `, ${message}` : ''}`
}

function stepFailure(error: unknown, step: PlanStep, source: string | undefined): AthanorError {
  const reason = error instanceof Error ? error.message : String(error)
  const where = source ? ` (${source})` : ''
  const code = error instanceof AthanorError ? error.code : 'MIGRATION_FAILED'
  return new AthanorError(code, `${step.direction} of revision ${step.revision}${where} failed: ${reason}`, { cause: error })
}
