import { UnresolvedMigrationError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import type { InvalidIndex } from '../dialect/invalid-indexes.js'
import type { RevisionGraph } from '../revision/index.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { UNRESOLVED_STATUSES, type HistoryRow } from './history-entry.js'
import { describeIndexes } from './describe-indexes.js'
import type { UnfinishedStep } from './unfinished-step.js'

/**
 * An applied script whose file no longer matches what ran: upgrade stops on
 * it unless told `allowEdited`, and `acceptEdited` takes the new content.
 *
 * @example
 * const edited = await acceptEdited({ directory: 'migrations' }, [])
 * for (const script of edited) {
 *   console.log(`${script.source}: ran as ${script.appliedChecksum} on ${script.appliedAt}, now ${script.currentChecksum}`)
 * }
 */
export interface EditedScript {
  readonly revision: string
  readonly source: string
  readonly appliedChecksum: string
  readonly currentChecksum: string
  /** When the recorded upgrade ran. */
  readonly appliedAt: string
}

/**
 * The applied scripts whose content changed since they ran: for each
 * revision below the current heads, the last recorded upgrade, downgrade or
 * accepted edit decides. An upgrade (or accept) whose checksum differs from
 * the file's is an edit; a downgrade (the revision was later stamped back) or no row at all (applied
 * before history, or by Alembic) has nothing to compare. Checksums ignore
 * BOM and line-ending differences (see scriptChecksum).
 *
 * @example
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase // what withMigrationLock hands its callback
 * declare const scripts: ScriptDirectory
 * const edited = findEditedScripts(db.history, scripts.graph, scripts, db.heads)
 * edited.map((script) => script.source) // the applied files changed since they ran
 */
export function findEditedScripts(
  rows: readonly HistoryRow[],
  graph: RevisionGraph,
  scripts: ScriptDirectory,
  heads: readonly string[],
): EditedScript[] {
  const last = new Map<string, HistoryRow>()
  for (const row of rows) {
    if (row.status === 'succeeded' && row.direction !== 'stamp') last.set(row.revision, row)
  }
  const edited: EditedScript[] = []
  for (const revision of appliedRevisions(graph, heads)) {
    const row = last.get(revision)
    if (!row || row.direction === 'downgrade' || row.checksum === null) continue
    const script = scripts.script(revision)
    if (script.checksum !== row.checksum) {
      edited.push({
        revision,
        source: script.source,
        appliedChecksum: row.checksum,
        currentChecksum: script.checksum,
        appliedAt: row.startedAt,
      })
    }
  }
  return edited.sort((a, b) => a.source.localeCompare(b.source))
}

/** The error `upgrade` stops with when applied scripts were edited. */
export function editedScriptsError(edited: readonly EditedScript[]): AthanorError {
  const files = edited.map((script) => `${script.source} (${script.revision})`).join(', ')
  return new AthanorError(
    'EDITED_MIGRATION',
    `${edited.length === 1 ? 'an applied migration was' : `${edited.length} applied migrations were`} ` +
      `edited after being applied: ${files}; ` +
      'restore the applied content and put the change in a new revision, or pass --allow-edited to go on ' +
      "(then 'athanor resolve --accept-edited' records the new content)",
  )
}

/** Rows of steps that began or failed outside a transaction and were never resolved. */
export function unresolvedSteps(rows: readonly HistoryRow[]): HistoryRow[] {
  return rows.filter((row) => UNRESOLVED_STATUSES.includes(row.status))
}

/**
 * The error every run stops with while a step is unresolved: which
 * statements of which migration ran, the invalid indexes the database holds
 * (an interrupted CREATE INDEX CONCURRENTLY leaves one), and the ways out.
 */
export function unresolvedError(step: UnfinishedStep, invalidIndexes: readonly InvalidIndex[] = []): UnresolvedMigrationError {
  const invalid =
    invalidIndexes.length === 0
      ? ''
      : `; ${describeIndexes(invalidIndexes)} ${invalidIndexes.length === 1 ? 'is' : 'are'} INVALID (an index build did not finish; ` +
        "'--retry' drops and builds again those this step builds)"
  return new UnresolvedMigrationError(
    `${step.summary}${invalid}; its changes may be partly applied, so nothing more runs until it is resolved: ${step.resolveHint}`,
    { revision: step.revision },
  )
}

/** Every revision at or below the heads: what the database has applied. */
function appliedRevisions(graph: RevisionGraph, heads: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const stack = heads.filter((id) => graph.has(id))
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    const info = graph.get(id)
    stack.push(...info.downRevisions, ...info.dependsOn)
  }
  return seen
}

/**
 * The error for a version table that is gone while the history table says
 * revisions are applied: it was dropped by hand, and reading its absence as
 * "at base" would be a lie in `current` and would run every migration
 * again over the tables they made. `undefined` when the history agrees
 * (no rows, or the last step or stamp left no revision). Offline scripts
 * write no history, but they never drop the version table either.
 *
 * @example
 * const error = lostVersionTableError('athanor_version', 'athanor_version_history', [])
 * error // undefined: no history, so no contradiction
 */
export function lostVersionTableError(versionTable: string, historyTable: string, rows: readonly HistoryRow[]): AthanorError | undefined {
  const last = [...rows].reverse().find((row) => row.status === 'succeeded' && row.direction !== 'accept')
  if (last === undefined || last.toRevisions.length === 0) return undefined
  const at = last.toRevisions.join(' ')
  return new AthanorError(
    'INVALID_VERSION_TABLE',
    `version table ${versionTable} is missing, but ${historyTable} says the database is at ${last.toRevisions.join(', ')} ` +
      `(last ${last.direction} ${last.finishedAt ?? last.startedAt}); if its tables are still there, restore it with ` +
      `'athanor stamp ${at}', else record that they are gone with 'athanor stamp base'`,
  )
}
