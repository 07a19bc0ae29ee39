import type { Project } from '../config/project.js'
import { readInvalidIndexes } from '../dialect/invalid-indexes.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed } from '../dialect/registry.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { unresolvedError } from './history-checks.js'
import { historyTableOf } from './history-table.js'
import { readUnfinishedSteps, stoppedBeforeAnyStatement, type UnfinishedStep } from './unfinished-step.js'

/**
 * Refuses to compare the models with a database while a step that ran
 * outside a transaction is unresolved: its catalog is neither the revision
 * before nor the one after, so what `check` or `migrate` would find there is
 * the half-run step, not drift. The error is the one `upgrade` stops with.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { withConnection } from './connect.js'
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * await withConnection(project.databaseUrl(), (connection) => refuseUnresolvedSteps(connection, project, scripts))
 */
export async function refuseUnresolvedSteps(connection: DatabaseConnection, project: Project, scripts: ScriptDirectory): Promise<void> {
  const dialect = dialectNamed(connection.dialect)
  const on = project.databaseUrl().redacted
  const steps = await readUnfinishedSteps(connection, dialect, historyTableOf(project), scripts, project.x, { on })
  if (steps.length === 0) return
  const invalidIndexes = await readInvalidIndexes(dialect, connection)
  const step = steps.find((candidate) => !settlesItself(candidate, invalidIndexes.length > 0))
  if (step !== undefined) throw unresolvedError(step, invalidIndexes)
}

/**
 * A runner that stopped before any statement, whose session has left the
 * server, changed nothing: the next `upgrade` records it as rolled back by
 * itself, unless an interrupted index build left an invalid index.
 */
function settlesItself(step: UnfinishedStep, invalidIndexes: boolean): boolean {
  return !step.runnerAlive && stoppedBeforeAnyStatement({ ...step, inFlight: step.inFlightStatement }, invalidIndexes)
}
