import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../core/package-root.js'

/**
 * What a history row records: a migration step, a stamp, or `accept`: the
 * edited content of an applied script taken as the new reference
 * (`athanor resolve --accept-edited`).
 *
 * @example
 * const { entries } = await appliedHistory({ directory: 'migrations' })
 * const direction: HistoryDirection | undefined = entries.at(-1)?.direction // 'upgrade' after an upgrade
 */
export type HistoryDirection = 'upgrade' | 'downgrade' | 'stamp' | 'accept'

/**
 * `succeeded`: done. `started`: a non-transactional step began and never
 * finished (its runner died). `failed`: a non-transactional step failed
 * midway, its effects partly applied. `rolled-back`: a transactional step
 * failed and nothing of it remains. `resolved`: a `started`/`failed` row
 * that `athanor resolve` (or a stamp) has dealt with. Only `started` and
 * `failed` block further runs.
 *
 * @example
 * const { entries } = await appliedHistory({ directory: 'migrations' })
 * const blocking = entries.filter((row) => row.status === 'started' || row.status === 'failed') // what resolve must settle
 */
export type HistoryStatus = 'succeeded' | 'started' | 'failed' | 'rolled-back' | 'resolved'

/** The statuses that mean the database may be half-migrated. */
export const UNRESOLVED_STATUSES: readonly HistoryStatus[] = ['started', 'failed']

/**
 * One row of the history table, as read back: a step, stamp, resolution or
 * accepted edit, with its checksum, times and outcome.
 *
 * @example
 * const { entries } = await appliedHistory({ directory: 'migrations' })
 * for (const row of entries) console.log(row.startedAt, row.direction, row.revision, row.status, row.durationMs)
 */
export interface HistoryRow {
  readonly id: number
  readonly runId: string
  readonly revision: string
  readonly direction: HistoryDirection
  readonly status: HistoryStatus
  /** The script's checksum when it ran (null for stamps). */
  readonly checksum: string | null
  readonly fromRevisions: readonly string[]
  readonly toRevisions: readonly string[]
  /** ISO-8601 UTC. */
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly durationMs: number | null
  readonly athanorVersion: string
  readonly error: string | null
  /** The statement that failed, when one did. */
  readonly statement: string | null
  readonly note: string | null
  /**
   * A step run outside a transaction: how many of its statements completed
   * (the journal). `null` on other rows, and on rows written before athanor
   * journaled statements.
   */
  readonly statementsDone: number | null
  /** The running hash of those statements' text, which `resolve --continue` checks the script against. */
  readonly statementsHash: string | null
  /** The text of the last statement that completed. */
  readonly lastStatement: string | null
  /** The server session that ran the step (MySQL's CONNECTION_ID(), PostgreSQL's backend pid). */
  readonly connectionId: string | null
}

/** What the runner knows of a step when it writes its row. */
export interface HistoryStep {
  readonly revision: string
  readonly direction: HistoryDirection
  readonly checksum: string | null
  readonly fromRevisions: readonly string[]
  readonly toRevisions: readonly string[]
}

let version: string | undefined

/** athanor's own version, recorded with every row. */
export function athanorVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version
  return version
}

/**
 * The columns every history row names when it is written (all but `id`), in
 * the order HistoryWriter gives their values; the step journal's columns
 * come after them, in the rows of journaled steps only.
 *
 * @example
 * HISTORY_ROW_COLUMNS[0] // 'run_id'
 */
export const HISTORY_ROW_COLUMNS = [
  'run_id',
  'revision',
  'direction',
  'status',
  'checksum',
  'from_revisions',
  'to_revisions',
  'started_at',
  'finished_at',
  'duration_ms',
  'athanor_version',
  'error',
  'statement',
  'note',
] as const
