import type Database from 'better-sqlite3'
import type { Connections } from './connections.js'

/** db2's dashboard summary of a student. */
export interface Summary {
  readonly classes: string
  readonly assignments: string
  readonly test: string
  readonly time_spend: string
}

/** What the API shows of a student's progress, from both databases. */
export interface ProgressView {
  readonly user_id: number
  /** The newest db1 progress record's JSON, null before the first one. */
  readonly progress_data: unknown
  readonly summary: Summary | null
}

export interface ProgressUpdate {
  readonly progress_data?: unknown
  readonly summary?: Summary
}

function latestProgress(db: Database.Database, userId: number): { id: number; progress_data: string } | undefined {
  return db.prepare('SELECT id, progress_data FROM "Progress" WHERE user_id = ? ORDER BY id DESC LIMIT 1').get(userId) as
    | { id: number; progress_data: string }
    | undefined
}

export function getProgress(connections: Connections, userId: number): ProgressView {
  const row = latestProgress(connections.db1, userId)
  const summary = connections.db2.prepare('SELECT classes, assignments, test, time_spend FROM "Progress" WHERE id = ?').get(userId) as
    | Summary
    | undefined
  return { user_id: userId, progress_data: row ? (JSON.parse(row.progress_data) as unknown) : null, summary: summary ?? null }
}

/**
 * Updates the newest progress record in place (the original application kept
 * adding rows; the newest is the one it shows) and upserts the summary. The
 * two databases are separate files, so each write is its own transaction.
 */
export function updateProgress(connections: Connections, userId: number, update: ProgressUpdate): ProgressView {
  if (update.progress_data !== undefined) {
    const json = JSON.stringify(update.progress_data)
    const row = latestProgress(connections.db1, userId)
    if (row) connections.db1.prepare('UPDATE "Progress" SET progress_data = ? WHERE id = ?').run(json, row.id)
    else connections.db1.prepare('INSERT INTO "Progress" (user_id, progress_data) VALUES (?, ?)').run(userId, json)
  }
  if (update.summary !== undefined) {
    const { classes, assignments, test, time_spend } = update.summary
    connections.db2
      .prepare(
        `INSERT INTO "Progress" (id, classes, assignments, test, time_spend) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET classes = excluded.classes, assignments = excluded.assignments,
           test = excluded.test, time_spend = excluded.time_spend`,
      )
      .run(userId, classes, assignments, test, time_spend)
  }
  return getProgress(connections, userId)
}
