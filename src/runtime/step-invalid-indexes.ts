import { AthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { InvalidIndex, InvalidIndexes } from '../dialect/invalid-indexes.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { describeIndexes } from './describe-indexes.js'
import { statementError } from './live-executor.js'
import type { LockedDatabase } from './locked-run.js'
import { type RenderContext, renderStepStatements } from './step-statements.js'

/**
 * The invalid indexes a failed or interrupted step created: those its own
 * statements create (rendered from its script, not guessed from names)
 * that the catalog holds as invalid. `resolve --retry` drops them before
 * it runs the step again, and `resolve --applied` refuses while they are
 * there. An invalid index the step does not create is never among them.
 *
 * Throws INVALID_INDEX when the database holds invalid indexes and the
 * script cannot be rendered (it reads rows with `op.query()`, say): then
 * nothing can tell whose they are.
 *
 * @example
 * import type { PlanStep } from '../revision/types.js'
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * declare const scripts: ScriptDirectory
 * declare const step: PlanStep
 * const own = await invalidIndexesOfStep(db, scripts, step, { x: {} })
 * own.map((index) => index.qualifiedName) // e.g. ['"public"."ix_items_name"']
 */
export async function invalidIndexesOfStep(
  db: LockedDatabase,
  scripts: ScriptDirectory,
  step: PlanStep,
  context: RenderContext,
): Promise<InvalidIndex[]> {
  const check = db.dialect.invalidIndexes
  if (check === null) return []
  const invalid = await check.read(db.connection)
  if (invalid.length === 0) return []
  const created = await check.createdBy(db.connection, await statementsOf(db, scripts, step, context, invalid))
  return invalid.filter((index) =>
    created.some((made) => made.schema === index.schema && made.table === index.table && made.name === index.name),
  )
}

/**
 * Drops the invalid indexes a step created, before `resolve --retry` runs
 * it again: its CREATE INDEX would otherwise fail on the name they hold.
 *
 * @example
 * import type { PlanStep } from '../revision/types.js'
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * declare const scripts: ScriptDirectory
 * declare const step: PlanStep
 * const dropped = await dropInvalidIndexesOfStep(db, scripts, step, { x: {} })
 */
export async function dropInvalidIndexesOfStep(
  db: LockedDatabase,
  scripts: ScriptDirectory,
  step: PlanStep,
  context: RenderContext,
): Promise<InvalidIndex[]> {
  const check = db.dialect.invalidIndexes
  if (check === null) return []
  const own = await invalidIndexesOfStep(db, scripts, step, context)
  for (const index of own) await drop(db, check, index)
  return own
}

/**
 * Stops `resolve --applied` while the step's index is invalid: recorded as
 * applied, the revision would claim an index the database does not use.
 *
 * @example
 * import type { PlanStep } from '../revision/types.js'
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * declare const scripts: ScriptDirectory
 * declare const step: PlanStep
 * await refuseInvalidIndexesOfStep(db, scripts, step, { x: {} }) // throws INVALID_INDEX naming them
 */
export async function refuseInvalidIndexesOfStep(
  db: LockedDatabase,
  scripts: ScriptDirectory,
  step: PlanStep,
  context: RenderContext,
): Promise<void> {
  const own = await invalidIndexesOfStep(db, scripts, step, context)
  if (own.length === 0) return
  throw new AthanorError(
    'INVALID_INDEX',
    `the ${step.direction} of revision ${step.revision} cannot be recorded as applied: ` +
      `${describeIndexes(own)} it builds ${own.length === 1 ? 'is' : 'are'} INVALID (the build did not finish) on ${db.scope}; ` +
      `run 'athanor resolve ${step.revision} --retry' to drop and build ${own.length === 1 ? 'it' : 'them'} again, ` +
      'or drop and rebuild them by hand first',
  )
}

async function statementsOf(
  db: LockedDatabase,
  scripts: ScriptDirectory,
  step: PlanStep,
  context: RenderContext,
  invalid: readonly InvalidIndex[],
): Promise<string[]> {
  try {
    return await renderStepStatements(db.dialect, scripts, step, context)
  } catch (error) {
    throw new AthanorError(
      'INVALID_INDEX',
      `${describeIndexes(invalid)} on ${db.scope} ${invalid.length === 1 ? 'is' : 'are'} INVALID, and whether the ${step.direction} ` +
        `of revision ${step.revision} built ${invalid.length === 1 ? 'it' : 'them'} cannot be told: ` +
        `reading its statements without running them (as --sql does) failed (${describeThrown(error)}); ` +
        'drop the ones it built with DROP INDEX CONCURRENTLY, then resolve it again',
      { cause: error },
    )
  }
}

async function drop(db: LockedDatabase, check: InvalidIndexes, index: InvalidIndex): Promise<void> {
  const statement = check.drop(index)
  try {
    await db.connection.execute(statement)
  } catch (error) {
    throw statementError(error, statement.sql)
  }
}
