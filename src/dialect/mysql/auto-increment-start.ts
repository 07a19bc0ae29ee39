import type { Queryable } from '../introspector.js'
import { backquoted } from './row-text.js'

/** How many tables one query asks about: a statement of a few hundred subqueries stays small. */
const CHUNK = 200

/**
 * The AUTO_INCREMENT start of each table that has one to keep: a next number
 * above 1 (information_schema.TABLES.AUTO_INCREMENT) on a table holding no
 * rows. With rows in, the number is only where the counter stands, which no
 * model should carry. Where the account cannot read a table, the starts of
 * the tables asked about with it are not kept.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * await autoIncrementStarts(db, [{ table: 'orders', next: 1000 }]) // Map { 'orders' => 1000 } while orders is empty
 */
export async function autoIncrementStarts(
  db: Queryable,
  counters: readonly { readonly table: string; readonly next: number }[],
): Promise<Map<string, number>> {
  const starts = new Map<string, number>()
  const candidates = counters.filter(({ next }) => Number.isSafeInteger(next) && next > 1)
  for (let from = 0; from < candidates.length; from += CHUNK) {
    const chunk = candidates.slice(from, from + CHUNK)
    const sql = chunk
      .map(({ table }, at) => `SELECT ${at} AS n FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM ${backquoted(table)})`)
      .join(' UNION ALL ')
    let rows: readonly Record<string, unknown>[] = []
    try {
      rows = await db.query(sql)
    } catch {
      // A table the account may see in the catalog but not read: its start is not kept, as if it held rows.
    }
    for (const row of rows) {
      const counter = chunk[Number(row['n'])]
      if (counter !== undefined) starts.set(counter.table, counter.next)
    }
  }
  return starts
}
