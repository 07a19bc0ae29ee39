/**
 * What a rebuild tells the person running it: a one-line note per rebuild
 * and, for a large table, rows copied of total.
 *
 * @example
 * const events: RebuildEvents = { notice: (line) => console.error(line) }
 */
export interface RebuildEvents {
  notice?(line: string): void
  progress?(label: string, done: number, total: number): void
}

/**
 * The note written for a rebuild.
 *
 * @example
 * rebuildNote('user', 'column "email": nullability', 1200, [])
 * // 'SQLite: rebuilt table "user" (column "email": nullability), 1200 rows copied'
 */
export function rebuildNote(table: string, reason: string, rows: number | undefined, notes: readonly string[]): string {
  const copied = rows === undefined ? '' : `, ${rows} rows copied`
  const extra = notes.length === 0 ? '' : `; ${notes.join('; ')}`
  return `SQLite: rebuilt table "${table}" (${reason})${copied}${extra}`
}
