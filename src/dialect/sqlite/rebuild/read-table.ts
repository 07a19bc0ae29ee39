import { AthanorError } from '../../../core/errors.js'
import type { Row } from '../../../ops/operation-sink.js'
import type { RowValue } from '../../../ops/operation.js'
import type { TableDefinition } from './definition.js'
import { parseCreateTable } from './parse-create-table.js'
import { tokenize, unquote } from './tokenize.js'

/** Runs a read on the database being looked at (a live connection or a shadow). */
export type Query = (sql: string, params?: readonly RowValue[]) => Promise<Row[]>

/** An index, trigger or view as SQLite stores it: name and creating statement. */
export interface SchemaObject {
  readonly name: string
  readonly sql: string
}

/** A foreign key in another table that refers to the table being read. */
export interface ChildReference {
  readonly table: string
  readonly columns: readonly string[]
  readonly onDelete: string
}

/**
 * Everything that belongs to one SQLite table, as stored: the definition,
 * its explicit indexes, its triggers, the views that name it, and the other
 * tables whose foreign keys refer to it. This is what the 12-step ALTER
 * procedure (https://sqlite.org/lang_altertable.html#otheralter, step 3)
 * says to remember before the table is replaced.
 */
export interface TableSnapshot {
  readonly name: string
  readonly sql: string
  readonly definition: TableDefinition
  readonly autoincrement: boolean
  readonly withoutRowid: boolean
  readonly indexes: readonly SchemaObject[]
  readonly triggers: readonly SchemaObject[]
  readonly views: readonly SchemaObject[]
  /** Triggers of other tables whose bodies name the table or one of `views`. */
  readonly otherTriggers: readonly SchemaObject[]
  readonly children: readonly ChildReference[]
}

/**
 * Reads a table's snapshot, or fails with `SQLITE_NO_SUCH_TABLE` naming it.
 *
 * @example
 * import { openConnection } from '../../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const snapshot = await readTableSnapshot((sql, params) => connection.query(sql, params), 'user')
 * snapshot.indexes.map((i) => i.name) // ['ix_user_email']
 */
export async function readTableSnapshot(query: Query, table: string): Promise<TableSnapshot> {
  const rows = await query(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
  )
  const own = rows.find((r) => r['type'] === 'table' && same(String(r['name']), table))
  if (own === undefined) throw new AthanorError('SQLITE_NO_SUCH_TABLE', `table "${table}" does not exist`)
  const name = String(own['name'])
  const sql = String(own['sql'])
  const definition = parseCreateTable(sql)
  const objects = (type: string) =>
    rows
      .filter((r) => r['type'] === type && same(String(r['tbl_name']), name))
      .map((r) => ({ name: String(r['name']), sql: String(r['sql']) }))
  // Views naming the table, and views naming those, in creation order.
  const named = new Set([name.toLowerCase()])
  const views: SchemaObject[] = []
  for (let grew = true; grew; ) {
    grew = false
    for (const r of rows) {
      const viewName = String(r['name'])
      if (r['type'] !== 'view' || named.has(viewName.toLowerCase()) || ![...named].some((n) => mentions(String(r['sql']), n))) continue
      named.add(viewName.toLowerCase())
      views.push({ name: viewName, sql: String(r['sql']) })
      grew = true
    }
  }
  const order = (o: SchemaObject) => rows.findIndex((r) => r['name'] === o.name)
  views.sort((a, b) => order(a) - order(b))
  const otherTriggers = rows
    .filter((r) => r['type'] === 'trigger' && !same(String(r['tbl_name']), name) && [...named].some((n) => mentions(String(r['sql']), n)))
    .map((r) => ({ name: String(r['name']), sql: String(r['sql']) }))
  return {
    name,
    sql,
    definition,
    autoincrement: tokenize(sql).some((t) => t.kind === 'word' && t.text.toUpperCase() === 'AUTOINCREMENT'),
    withoutRowid: /\bWITHOUT\s+ROWID\b/i.test(definition.options),
    indexes: objects('index'),
    triggers: objects('trigger'),
    views,
    otherTriggers,
    children: await childReferences(query, name),
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** True when `sql` names `table` as an identifier anywhere (views have no dependency catalog). */
export function mentions(sql: string, table: string): boolean {
  return tokenize(sql).some((t) => (t.kind === 'word' || t.kind === 'quoted') && same(unquote(t), table))
}

async function childReferences(query: Query, table: string): Promise<ChildReference[]> {
  const rows = await query(
    `SELECT m.name AS child, f.id AS id, f."from" AS col, f.on_delete AS on_delete
       FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" = ? COLLATE NOCASE AND m.name <> ? COLLATE NOCASE
      ORDER BY m.name, f.id, f.seq`,
    [table, table],
  )
  const byKey = new Map<string, { table: string; columns: string[]; onDelete: string }>()
  for (const row of rows) {
    const key = `${String(row['child'])}\u0000${String(row['id'])}`
    const entry = byKey.get(key) ?? { table: String(row['child']), columns: [], onDelete: String(row['on_delete']) }
    entry.columns.push(String(row['col']))
    byKey.set(key, entry)
  }
  return [...byKey.values()]
}
