import { AthanorError } from '../errors.js'
import type { PlanStep } from '../revision/types.js'

/**
 * A step's error, naming the revision and its file; the code of an athanor
 * error inside is kept, anything else becomes `MIGRATION_FAILED`.
 *
 * @example
 * stepFailure(new Error('no such table: x'), step, 'migrations/versions/ae10_add.ts').message
 * // 'upgrade of revision ae10 (migrations/versions/ae10_add.ts) failed: no such table: x'
 */
export function stepFailure(error: unknown, step: PlanStep, source: string | undefined): AthanorError {
  const reason = error instanceof Error ? error.message : String(error)
  const where = source ? ` (${source})` : ''
  const code = error instanceof AthanorError ? error.code : 'MIGRATION_FAILED'
  return new AthanorError(code, `${step.direction} of revision ${step.revision}${where} failed: ${reason}`, { cause: error })
}
