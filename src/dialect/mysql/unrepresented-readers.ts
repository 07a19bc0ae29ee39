import type { Queryable } from '../introspector.js'
import { rowText } from './row-text.js'
import { tablesInTrigger, tablesInView } from './tables-read.js'

const UNREPRESENTED_SQL = `SELECT TABLE_NAME AS name FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SYSTEM VERSIONED'`
const VIEWS_SQL = `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, DATABASE() AS db FROM information_schema.VIEWS
  WHERE TABLE_SCHEMA = DATABASE()`
const TRIGGERS_SQL = `SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl, ACTION_STATEMENT AS definition, DATABASE() AS db
  FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()`

/** The names of `candidates` among those read, without case: a false match leaves out one view more, a miss a view that fails. */
function among(read: readonly string[], candidates: readonly string[]): string[] {
  const keys = new Set(read.map((name) => name.toLowerCase()))
  return candidates.filter((name) => keys.has(name.toLowerCase()))
}

/** The views and triggers left out of the models, each with the object not represented that it reads. */
export interface UnrepresentedReaders {
  readonly views: ReadonlyMap<string, string>
  readonly triggers: ReadonlyMap<string, string>
}

/**
 * The views and triggers that read (or, a trigger, fire on) a table the
 * models do not hold: a MariaDB system-versioned table (see
 * mysqlUnmanaged), or a view left out for that reason. A migration creating
 * one would fail on a database made from the models, after the statements
 * before it ran, so they are left out too and listed as not represented.
 * MariaDB records no view or trigger usage, so what each reads is parsed
 * from its text (see tablesInView and tablesInTrigger): a name in a
 * string, an alias or a column of another table does not count.
 *
 * @example
 * import type { Queryable } from '../introspector.js'
 * declare const db: Queryable
 * (await unrepresentedReaders(db)).views // Map { 'price_history' => 'prices' }
 */
export async function unrepresentedReaders(db: Queryable): Promise<UnrepresentedReaders> {
  const missing = (await db.query(UNREPRESENTED_SQL)).map((row) => rowText(row['name']))
  if (missing.length === 0) return { views: new Map(), triggers: new Map() }
  const views = await db.query(VIEWS_SQL)
  const leftOut = new Map<string, string>()
  // A view reading a view left out is left out in turn, until a pass leaves out no more.
  for (let grew = true; grew; ) {
    grew = false
    const absent = [...missing, ...leftOut.keys()]
    for (const row of views) {
      const name = rowText(row['name'])
      const [read] = leftOut.has(name) ? [] : among(tablesInView(rowText(row['definition']), rowText(row['db'])), absent)
      if (read !== undefined) {
        leftOut.set(name, read)
        grew = true
      }
    }
  }
  const absent = [...missing, ...leftOut.keys()]
  const triggers = new Map<string, string>()
  for (const row of await db.query(TRIGGERS_SQL)) {
    const table = rowText(row['tbl'])
    const [read] = absent.includes(table) ? [table] : tablesInTrigger(rowText(row['definition']), rowText(row['db']), absent)
    if (read !== undefined) triggers.set(rowText(row['name']), read)
  }
  return { views: leftOut, triggers }
}
