import { MigrationFailedError } from '../core/error-classes.js'
import { describeThrown } from '../core/thrown.js'
import type { PlanStep } from '../revision/types.js'

/**
 * A commit that failed (a full disk, a lost connection) takes with it every
 * migration it was to keep: with a savepoint per migration those are all
 * the ones since the last commit, which the run had shown running. The
 * error names them, so that nobody takes them as applied; `before`, what
 * failed first when the commit was the one after a failed step.
 *
 * @example
 * declare const steps: PlanStep[] // r1 and r2, finished, waiting for the commit
 * lostCommit(new Error('database or disk is full'), steps).message
 * // 'the commit of 2 migrations (upgrade of revisions r1 to r2) failed: database or disk is full; they were rolled back'
 */
export function lostCommit(error: unknown, lost: readonly PlanStep[], before?: string): MigrationFailedError {
  const first = lost[0]!
  const last = lost.at(-1)!
  const what =
    lost.length === 1
      ? `the ${first.direction} of revision ${first.revision}`
      : `${lost.length} migrations (${first.direction} of revisions ${first.revision} to ${last.revision})`
  const rolledBack = lost.length === 1 ? 'it was rolled back' : 'they were rolled back'
  return new MigrationFailedError(
    `${before === undefined ? '' : `${before}; then `}the commit of ${what} failed: ${describeThrown(error)}; ${rolledBack}`,
    { code: 'MIGRATION_FAILED', revision: first.revision, direction: first.direction, file: undefined, sql: undefined },
    { cause: error },
  )
}
