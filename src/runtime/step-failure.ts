import { MigrationFailedError, SqlError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { PlanStep } from '../revision/types.js'

/**
 * A step's error, naming the revision and its file; the code of an athanor
 * error inside is kept, anything else becomes `MIGRATION_FAILED`.
 *
 * @example
 * const step = RevisionGraph.build([{ id: 'ae10', downRevisions: [], branchLabels: [], dependsOn: [] }]).planUpgrade([], 'ae10')[0]!
 * stepFailure(new Error('no such table: x'), step, 'migrations/versions/ae10_add.ts').message
 * // 'upgrade of revision ae10 (migrations/versions/ae10_add.ts) failed: no such table: x'
 */
export function stepFailure(error: unknown, step: PlanStep, source: string | undefined): MigrationFailedError {
  const reason = describeThrown(error)
  const where = source ? ` (${source})` : ''
  const code = error instanceof AthanorError ? error.code : 'MIGRATION_FAILED'
  const sql = error instanceof SqlError ? error.sql : undefined
  return new MigrationFailedError(
    `${step.direction} of revision ${step.revision}${where} failed: ${reason}`,
    { code, revision: step.revision, direction: step.direction, file: source, sql },
    { cause: error },
  )
}
