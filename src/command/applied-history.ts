import { dialectNamed } from '../dialect/registry.js'
import { withReadingConnection } from '../runtime/connect.js'
import type { HistoryRow } from '../runtime/history-entry.js'
import { readHistory } from '../runtime/history-read.js'
import { historyTableOf } from '../runtime/history-table.js'
import { oneDatabase } from '../config/database-selection.js'
import { openProject, type CommandOptions } from '../config/project.js'

/**
 * What `history --applied` reads from one database: its history table's
 * rows, oldest first, and where they came from.
 *
 * @example
 * const { table, entries } = await appliedHistory({ url: 'sqlite:///app.db' })
 * console.log(`${entries.length} rows in ${table}`) // '3 rows in athanor_version_history' after three steps
 */
export interface AppliedHistory {
  /** The database, password redacted. */
  readonly url: string
  readonly table: string
  /** Oldest first. */
  readonly entries: readonly HistoryRow[]
}

/**
 * What was run on the database and when (`history --applied`): every
 * upgrade, downgrade, stamp and resolution with its checksum, times,
 * outcome and athanor's version. Reads only; takes no lock.
 *
 * @example
 * const { entries } = await appliedHistory({ url: 'sqlite:///app.db' })
 * for (const e of entries) console.log(e.startedAt, e.direction, e.revision, e.status)
 */
export async function appliedHistory(options: CommandOptions = {}): Promise<AppliedHistory> {
  const project = oneDatabase(await openProject(options), options)
  const url = project.databaseUrl()
  const table = historyTableOf(project)
  const entries = await withReadingConnection(url, (connection) =>
    readHistory(connection, dialectNamed(connection.dialect).compiler, table),
  )
  return { url: url.redacted, table, entries }
}

export type { HistoryRow }
