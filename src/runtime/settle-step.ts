import type { Project } from '../config/project.js'
import { AthanorError } from '../core/errors.js'
import { throwIfInterrupted } from '../core/interruption.js'
import type { RevisionGraph } from '../revision/index.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { readInvalidIndexes, type InvalidIndex } from '../dialect/invalid-indexes.js'
import { readCurrentHeads } from './connect.js'
import { findEditedScripts, unresolvedSteps, type EditedScript } from './history-checks.js'
import type { HistoryRow } from './history-entry.js'
import { HistoryWriter } from './history-writer.js'
import { LiveExecutor } from './live-executor.js'
import type { LockedDatabase } from './locked-run.js'
import { silentReporter, type RunReporter } from './reporter.js'
import { rerunStep } from './rerun-step.js'
import { dropInvalidIndexesOfStep, refuseInvalidIndexesOfStep } from './step-invalid-indexes.js'
import { beginWaitingForLock } from './begin-lock-wait.js'

/**
 * How a failed or unfinished step is settled: `retry` runs it again (after
 * the database or the script was fixed), `continue` runs the statements its
 * journal says did not complete, `applied` records it as complete,
 * `rolled-back` records it as undone, leaving the version rows as they were.
 *
 * @example
 * const resolution: Resolution = 'rolled-back' // the failed step left nothing behind
 * await resolve({ directory: 'migrations' }, 'ae1027a6acf', resolution)
 */
export type Resolution = 'retry' | 'continue' | 'applied' | 'rolled-back'

/**
 * What `resolve` settled: the step's revision and direction, how, and the
 * version rows after.
 *
 * @example
 * const { revision, direction, to } = await resolve({ directory: 'migrations' }, 'ae1027a6acf', 'applied')
 * console.log(`${direction} of ${revision} recorded as applied; version rows now ${to.join(', ') || 'base'}`)
 */
export interface ResolveResult {
  readonly revision: string
  readonly direction: string
  readonly resolution: Resolution
  /** The version rows after. */
  readonly to: readonly string[]
  /** `retry`: the invalid indexes the interrupted step had built, dropped before it ran again. */
  readonly droppedIndexes: readonly InvalidIndex[]
  /** Invalid indexes the database still holds after: none of them the step's own (see `current`). */
  readonly invalidIndexes: readonly InvalidIndex[]
}

/**
 * Settles, under the migration lock, the failed or unfinished step of
 * `revision`: records it rolled back or applied, or runs it again, whole or
 * from where its journal says it stopped (see rerunStep).
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { withMigrationLock } from './locked-run.js'
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * await withMigrationLock(project, {}, (db) => settleStep(db, project, scripts, 'ae1027a6acf', 'retry'))
 */
export async function settleStep(
  db: LockedDatabase,
  project: Project,
  scripts: ScriptDirectory,
  revision: string,
  resolution: Resolution,
  reporter: RunReporter = silentReporter,
  from?: number,
): Promise<ResolveResult> {
  const row = findUnresolved(db, scripts.graph, revision)
  const history = new HistoryWriter(db.connection, db.dialect.compiler, db.historyTable)
  const by = `athanor resolve --${resolution}`
  let droppedIndexes: readonly InvalidIndex[] = []
  if (resolution === 'rolled-back') await history.resolve(row.id, `marked rolled back by ${by}`)
  else if (resolution === 'applied') {
    const step = stepOf(row, scripts.graph, db.heads)
    await refuseInvalidIndexesOfStep(db, scripts, step, project)
    const executor = new LiveExecutor(db.connection, db.dialect, db.versionTable)
    await beginWaitingForLock(() => executor.begin(), {
      session: db.dialect.sessionTimeouts,
      retry: db.ddlLockRetry,
      waiting: `resolve --applied of ${row.revision}`,
      notify: (line) => reporter.notice?.(line),
    })
    try {
      await executor.applyVersionChanges(step.versionChanges)
      await history.resolve(row.id, `marked applied by ${by}`)
      const checksum = scripts.graph.has(row.revision) ? scripts.script(row.revision).checksum : row.checksum
      await history.succeeded({ ...entryOf(row), checksum }, new Date(), `marked applied by ${by}`)
      await throwIfInterrupted(db.signal, `during resolve --applied of ${row.revision}: rolled back; nothing changed`)
      await executor.commit()
    } catch (error) {
      await executor.rollback()
      throw error
    }
  } else {
    const step = stepOf(row, scripts.graph, db.heads)
    // An interrupted CREATE INDEX CONCURRENTLY left its index INVALID under the name the step builds.
    droppedIndexes = await dropInvalidIndexesOfStep(db, scripts, step, project)
    await rerunStep(db, project, scripts, row, step, resolution, reporter, from)
  }
  return {
    revision: row.revision,
    direction: row.direction,
    resolution,
    to: await readCurrentHeads(db.connection, db.versionTable),
    droppedIndexes,
    invalidIndexes: await readInvalidIndexes(db.dialect, db.connection),
  }
}

/**
 * Records the current content of edited applied scripts as their reference,
 * under the migration lock; with no revisions given, every edited one.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { withMigrationLock } from './locked-run.js'
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * await withMigrationLock(project, {}, (db) => acceptEditedScripts(db, scripts, [])) // every edited applied script
 */
export async function acceptEditedScripts(
  db: LockedDatabase,
  scripts: ScriptDirectory,
  revisions: readonly string[],
): Promise<EditedScript[]> {
  const wanted = new Set(revisions.flatMap((target) => scripts.graph.resolve(target)))
  const edited = findEditedScripts(db.history, scripts.graph, scripts, db.heads).filter(
    (script) => wanted.size === 0 || wanted.has(script.revision),
  )
  const history = new HistoryWriter(db.connection, db.dialect.compiler, db.historyTable)
  for (const script of edited) {
    await history.succeeded(
      { revision: script.revision, direction: 'accept', checksum: script.currentChecksum, fromRevisions: db.heads, toRevisions: db.heads },
      new Date(),
      `edited content accepted by athanor resolve --accept-edited (was ${script.appliedChecksum})`,
    )
  }
  return edited
}

function findUnresolved(db: LockedDatabase, graph: RevisionGraph, revision: string): HistoryRow {
  const named = (row: HistoryRow) => row.revision === revision || row.revision.startsWith(revision)
  const unresolved = unresolvedSteps(db.history)
  const matches = unresolved.filter(named)
  const row = matches[matches.length - 1]
  if (!row) {
    // A name neither the history nor the scripts know is a typo, told as
    // upgrade tells it; a step whose script is gone stays resolvable by its id.
    if (!db.history.some(named)) graph.resolve(revision)
    const pending = unresolved.map((candidate) => candidate.revision).join(', ')
    throw new AthanorError(
      'NOTHING_TO_RESOLVE',
      `revision ${revision} has no failed or unfinished step on ${db.scope}` +
        `${pending ? `; unresolved: ${pending}` : '; nothing is unresolved'}`,
    )
  }
  return row
}

/**
 * The step as it failed, planned again from the version rows, which it
 * never changed: an upgrade to the revision, or a downgrade of one step
 * below it (`REV-1`). Re-planning (rather than replaying the recorded
 * parents) gets the row changes of branches and merges right.
 */
function stepOf(row: HistoryRow, graph: RevisionGraph, heads: readonly string[]): PlanStep {
  const planned = row.direction === 'downgrade' ? graph.planDowngrade(heads, `${row.revision}-1`) : graph.planUpgrade(heads, row.revision)
  const step = planned[0]
  if (planned.length !== 1 || step?.revision !== row.revision) {
    throw new AthanorError(
      'CANNOT_RESOLVE',
      `cannot tell which version rows the ${row.direction} of revision ${row.revision} ` +
        `changes from the current rows (${heads.join(', ') || 'base'}); ` +
        "set them with 'athanor stamp', which also settles the failed step",
    )
  }
  return step
}

function entryOf(row: HistoryRow) {
  return {
    revision: row.revision,
    direction: row.direction,
    checksum: row.checksum,
    fromRevisions: row.fromRevisions,
    toRevisions: row.toRevisions,
  }
}
