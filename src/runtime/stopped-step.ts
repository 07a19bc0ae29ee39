import { MigrationFailedError } from '../core/error-classes.js'
import { AthanorError, type ErrorCode } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import { formatDuration } from '../config/duration.js'
import { interruptedBy } from '../core/interruption.js'
import type { PlanStep } from '../revision/types.js'
import type { MigrationScript } from '../script/script-directory.js'
import type { MigrationExecutor } from './executor.js'
import type { StepStopped } from './step-guard.js'

/**
 * The one line a stopped step ends its run with: what stopped it, which
 * migration, what became of it (`outcome`), and where the database is now,
 * as its version table says after the rollback. A signal gives INTERRUPTED
 * or TERMINATED (exit 130 or 143), stepTimeout STEP_TIMEOUT, a script that
 * waits for nothing NEVER_SETTLED, a failure outside the script's await
 * MIGRATION_FAILED (or the athanor code of what was thrown).
 *
 * @example
 * import type { StepStopped } from './step-guard.js'
 * import type { PlanStep } from '../revision/types.js'
 * import type { MigrationScript } from '../script/script-directory.js'
 * declare const stopped: StepStopped // SIGINT while r05's script ran
 * declare const step: PlanStep
 * declare const script: MigrationScript
 * stoppedStepError(stopped, step, script, 'rolled back r05', ['r04']).message
 * // 'interrupted by SIGINT during r05 (add users.email): rolled back r05; at r04'
 */
export function stoppedStepError(
  stopped: StepStopped,
  step: PlanStep,
  script: MigrationScript,
  outcome: string,
  heads: readonly string[] | undefined,
): MigrationFailedError {
  const { code, what, endsWithThrown } = describeStop(stopped, step, script)
  const at = heads === undefined ? '' : `; at ${heads.length === 0 ? 'base' : heads.join(', ')}`
  // After the words a script threw, a colon would read as more of them.
  const then = endsWithThrown ? '; ' : ': '
  return new MigrationFailedError(
    `${what}${outcome ? `${then}${outcome}` : ''}${at}`,
    { code, revision: step.revision, direction: step.direction, file: script.source },
    { cause: stopped },
  )
}

function describeStop(
  stopped: StepStopped,
  step: PlanStep,
  script: MigrationScript,
): { code: ErrorCode; what: string; endsWithThrown?: boolean } {
  const stop = stopped.stop
  const migration = `${step.direction} of revision ${step.revision} (${script.source})`
  switch (stop.kind) {
    case 'signal': {
      const { code, by } = interruptedBy(stop.reason)
      const name = `${step.revision}${script.message ? ` (${script.message})` : ''}`
      return { code, what: stopped.started ? `interrupted by ${by} during ${name}` : `interrupted by ${by} before ${name} began` }
    }
    case 'step-timeout':
      return { code: 'STEP_TIMEOUT', what: `${migration} ran longer than stepTimeout (${formatDuration(stop.ms)}) and was cancelled` }
    case 'never-settled':
      return {
        code: 'NEVER_SETTLED',
        what:
          `${migration} never finished: its ${step.direction}() awaits a promise that nothing left can settle ` +
          '(no timer, connection or other work is pending)',
      }
    case 'stray-failure': {
      const thrown = stop.thrown
      const where = 'outside its await (in a timer or a promise it did not await)'
      return {
        code: thrown instanceof AthanorError ? thrown.code : 'MIGRATION_FAILED',
        what: stopped.started
          ? `${migration} failed ${where}: ${describeThrown(thrown)}`
          : `a migration script failed ${where} before revision ${step.revision} began: ${describeThrown(thrown)}`,
        endsWithThrown: true,
      }
    }
  }
}

/** The version rows after the rollback, for the message; unknown when the connection is gone. */
export async function headsAfterStop(executor: MigrationExecutor): Promise<readonly string[] | undefined> {
  return executor.readVersionRows().catch(() => undefined)
}
