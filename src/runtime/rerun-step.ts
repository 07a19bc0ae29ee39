import type { Project } from '../config/project.js'
import { AthanorError } from '../core/errors.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import type { HistoryRow } from './history-entry.js'
import { HistoryWriter } from './history-writer.js'
import { LiveExecutor } from './live-executor.js'
import type { LockedDatabase } from './locked-run.js'
import { silentReporter, type RunReporter } from './reporter.js'
import { runPlan } from './run-plan.js'
import { currentSessionId } from './runner-sessions.js'
import { logStatements } from './statement-log.js'
import { oneLine, uncertainHint } from './unfinished-step.js'

/**
 * Runs an unfinished step again, taking over its row: `retry` runs every
 * statement, `continue` skips the ones its journal says completed, after
 * checking that the script still sends exactly those first (the running
 * hash of their text). The old row is marked resolved in the same
 * transaction that writes the new run's `started` row, once the new run is
 * about to change something: a run refused or stopped before that leaves the
 * old row, and the database, as they were.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { withMigrationLock } from './locked-run.js'
 * declare const row: HistoryRow // the unfinished step's row
 * declare const step: PlanStep // the step, planned again from the version rows
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * await withMigrationLock(project, {}, (db) => rerunStep(db, project, scripts, row, step, 'continue'))
 */
export async function rerunStep(
  db: LockedDatabase,
  project: Project,
  scripts: ScriptDirectory,
  row: HistoryRow,
  step: PlanStep,
  how: 'retry' | 'continue',
  reporter: RunReporter = silentReporter,
  from?: number,
): Promise<void> {
  if (how === 'continue' && (row.statementsDone === null || row.statementsHash === null)) {
    throw new AthanorError(
      'CANNOT_CONTINUE',
      `cannot continue the ${row.direction} of revision ${row.revision}: its history row does not say which statements ran ` +
        `(athanor ${row.athanorVersion} wrote it before statements were journaled); ` +
        'settle it with --retry, --applied or --rolled-back',
    )
  }
  const inFlightTookEffect = how === 'continue' ? continuingFrom(row, from) : false
  const history = new HistoryWriter(db.connection, db.dialect.compiler, db.historyTable, db.dialect.columnNamesSql)
  // A row written before the journal's columns existed: the new run's rows need them.
  await history.ensureTable()
  history.recordSession(await currentSessionId(db.connection, db.dialect))
  const by = `athanor resolve --${how}`
  const { connection, log } = logStatements(db.connection, db.dialect, {
    row,
    skipDone: how === 'continue',
    inFlightTookEffect,
    note: how === 'continue' ? `continued by ${by}` : `retried by ${by}`,
  })
  await runPlan(new LiveExecutor(db.guard.fence(connection), db.dialect, db.versionTable, { journal: log }), scripts, [step], {
    transactionMode: project.transactionMode,
    x: project.x,
    ...(project.tag === undefined ? {} : { tag: project.tag }),
    reporter,
    createVersionTable: false,
    history,
    statements: log,
    startHeads: db.heads,
    guard: db.guard,
    ddlLockRetry: db.ddlLockRetry,
  })
}

/**
 * Where `--continue` starts: after the statements the journal recorded,
 * or, when the row marks a statement in flight (its session ended between
 * it and its entry), where the user says: `--from N` runs it again,
 * `--from N+1` takes it as done. Returns whether it is taken as done.
 */
function continuingFrom(row: HistoryRow, from: number | undefined): boolean {
  const next = (row.statementsDone ?? 0) + 1
  const inFlight = row.status === 'started' ? row.statement : null
  if (inFlight === null) {
    if (from === undefined || from === next) return false
    throw new AthanorError(
      'INVALID_OPTION',
      `--from ${from}: the journal of the ${row.direction} of revision ${row.revision} says statements 1-${next - 1} took effect ` +
        `and no other ran, so it continues from statement ${next}; run 'athanor resolve ${row.revision} --continue'`,
    )
  }
  if (from === next + 1) return true
  if (from === next) return false
  throw new AthanorError(
    'UNCERTAIN_STATEMENT',
    `${from === undefined ? 'cannot continue' : `--from ${from}: cannot continue`} the ${row.direction} of revision ${row.revision}: ` +
      `statement ${next} (${oneLine(inFlight)}) was running when its session ended, ` +
      `before the journal recorded it, so it may or may not have taken effect; ${uncertainHint(row.revision, next, true)}`,
  )
}
