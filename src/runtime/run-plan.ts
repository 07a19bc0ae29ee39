import { AthanorError } from '../errors.js'
import { Operations } from '../ops/operations.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import type { TransactionMode } from '../config/config.js'
import type { MigrationExecutor } from './executor.js'
import type { RunReporter } from './reporter.js'

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
 * Runs a plan's steps in order. Per-migration mode commits each script with
 * its version-row change, so a failure leaves the database exactly at the
 * last revision that succeeded; single mode commits once at the end.
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
  const single = options.transactionMode === 'single'
  let inTransaction = false
  try {
    if (single || options.createVersionTable) {
      await executor.begin()
      inTransaction = true
    }
    if (options.createVersionTable) await executor.ensureVersionTable()
    for (const [index, step] of steps.entries()) {
      const script = scripts.script(step.revision)
      const started = performance.now()
      options.reporter.stepStarted(step, index, steps.length, script.message)
      if (!inTransaction) {
        await executor.begin()
        inTransaction = true
      }
      await executor.note(describeStep(step, script.message))
      const op = new Operations(executor, {
        revision: step.revision,
        direction: step.direction,
        x: options.x,
        source: script.source,
        ...(options.tag === undefined ? {} : { tag: options.tag }),
      })
      try {
        await modules[index]![step.direction](op)
        await op.settle()
      } catch (error) {
        throw stepFailure(error, step, script.source)
      }
      await executor.applyVersionChanges(step.versionChanges)
      if (!single) {
        await executor.commit()
        inTransaction = false
      }
      options.reporter.stepFinished(step, index, steps.length, performance.now() - started)
    }
    if (inTransaction) {
      await executor.commit()
      inTransaction = false
    }
  } catch (error) {
    if (inTransaction) await executor.rollback()
    throw error
  }
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
