import type { Row } from '../../ops/operation-sink.js'
import type { Column, ForeignKeyConstraint, Index, ReferentialAction, Table, UniqueConstraint } from '../../schema/types.js'
import type { Queryable } from '../introspector.js'
import { foreignKeyKey, readDdl, type DdlFacts } from './introspect-ddl.js'
import { sqliteIndexShape } from './introspect-index.js'
import { enumValuesOf, sqliteDefaultFromText, sqliteTypeFromDeclared } from './introspect-types.js'

// A virtual table (FTS5, R*Tree…) and the shadow tables that hold its data are not tables the models can
// hold: listed as not represented, never read as plain tables (a rebuild would make them plain ones).
const USER_TABLES =
  "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT IN " +
  "(SELECT l.name FROM pragma_table_list l WHERE l.schema = 'main' AND l.type IN ('virtual', 'shadow'))"

/** Groups rows by their `tbl` column, keeping the query's order. */
function byTable(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const key = String(row['tbl'])
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  return groups
}

/**
 * A SQLite database as the schema model, in five queries: SQLite's
 * table-valued pragma functions (`pragma_table_info(name)`, …) join against
 * sqlite_master, so every table is read at once. Constraint names, CHECKs and
 * AUTOINCREMENT, which no pragma reports, come from the CREATE TABLE text.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const tables = await introspectSqlite(await openConnection(parseDatabaseUrl('sqlite:///app.db')))
 */
export async function introspectSqlite(db: Queryable): Promise<Table[]> {
  const tables = await db.query(`SELECT m.name AS tbl, m.sql AS sql FROM sqlite_master m WHERE ${USER_TABLES} ORDER BY m.name`)
  const columns = byTable(
    await db.query(
      // table_xinfo rather than table_info: it shows generated columns (hidden 2 virtual, 3 stored). Not sorted: each
      // table's rows come together and in column order, and sorting 6,500 columns of 500 tables was a fifth of the query.
      'SELECT m.name AS tbl, p.cid, p.name, p.type, p."notnull" AS "notnull", p.dflt_value, p.pk ' +
        `FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE ${USER_TABLES} AND p.hidden IN (0, 2, 3)`,
    ),
  )
  const indexes = byTable(
    await db.query(
      `SELECT m.name AS tbl, l.name AS idx, l."unique" AS uq, l.origin, l.partial, i.seqno, i.cid, i.name AS col,
       i."desc" AS descending
     FROM sqlite_master m JOIN pragma_index_list(m.name) l JOIN pragma_index_xinfo(l.name) i
     WHERE ${USER_TABLES} AND i.key = 1 ORDER BY m.name, l.name, i.seqno`,
    ),
  )
  // Each CREATE INDEX text by the index's name, read on its own: joined to the rows above, sqlite_master was searched
  // through an automatic index built for every read, which took more than the pragma rows themselves.
  const indexSql = new Map(
    (await db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")).map((row) => [
      String(row['name']),
      String(row['sql']),
    ]),
  )
  const foreignKeys = byTable(
    await db.query(
      // A key declared without the parent's columns (REFERENCES p) has "to" NULL: it refers to the parent's primary key.
      `SELECT m.name AS tbl, f.id, f.seq, f."table" AS referred, f."from" AS col,
        coalesce(f."to", (SELECT p.name FROM pragma_table_info(f."table") p WHERE p.pk = f.seq + 1)) AS referred_col,
        f.on_update, f.on_delete
     FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE ${USER_TABLES} ORDER BY m.name, f.id, f.seq`,
    ),
  )
  return tables.map((row) => {
    const name = String(row['tbl'])
    const ddl = readDdl(String(row['sql'] ?? ''))
    return buildTable(name, ddl, columns.get(name) ?? [], indexes.get(name) ?? [], foreignKeys.get(name) ?? [], indexSql)
  })
}

function buildTable(
  name: string,
  ddl: DdlFacts,
  columnRows: readonly Row[],
  indexRows: readonly Row[],
  fkRows: readonly Row[],
  indexSql: ReadonlyMap<string, string>,
): Table {
  const pk = columnRows
    .filter((c) => Number(c['pk']) > 0)
    .sort((a, b) => Number(a['pk']) - Number(b['pk']))
    .map((c) => String(c['name']))
  const enumChecks = new Set<string>()
  const columns: Column[] = columnRows.map((c) => {
    const columnName = String(c['name'])
    let type = sqliteTypeFromDeclared(String(c['type'] ?? ''))
    const enumCheck = ddl.checks.find(
      (ck) => ck.column?.toLowerCase() === columnName.toLowerCase() && enumValuesOf(ck.expression, columnName),
    )
    if (enumCheck !== undefined && type.kind === 'string') {
      type = { kind: 'enum', values: enumValuesOf(enumCheck.expression, columnName)!, ...(enumCheck.name ? { name: enumCheck.name } : {}) }
      enumChecks.add(enumCheck.expression)
    }
    const generated = ddl.generated.get(columnName.toLowerCase())
    const collation = ddl.collations.get(columnName.toLowerCase())
    const serverDefault = sqliteDefaultFromText(c['dflt_value'] === null ? null : String(c['dflt_value']))
    const isPk = pk.includes(columnName)
    return {
      name: columnName,
      type,
      ...(isPk || Number(c['notnull']) === 1 ? { nullable: false } : {}),
      ...(pk.length === 1 && isPk ? { primaryKey: true } : {}),
      ...(pk.length === 1 && isPk && ddl.autoincrement ? { autoincrement: true } : {}),
      ...(serverDefault === undefined ? {} : { serverDefault }),
      ...(generated === undefined ? {} : { generated }),
      ...(collation === undefined ? {} : { collation }),
    }
  })
  const uniques: UniqueConstraint[] = []
  const tableIndexes: Index[] = []
  for (const [indexName, rows] of groupBy(indexRows, 'idx')) {
    const first = rows[0]!
    const cols = rows.map((r) => String(r['col'] ?? ''))
    if (first['origin'] === 'pk') continue
    if (first['origin'] === 'u') {
      const uqName = ddl.uniqueNames.get(cols.map((c) => c.toLowerCase()).join(','))
      uniques.push({ ...(uqName ? { name: uqName } : {}), columns: cols })
      continue
    }
    tableIndexes.push(sqliteIndexShape(indexName, rows, indexSql.get(indexName)))
  }
  const foreignKeys: ForeignKeyConstraint[] = [...groupBy(fkRows, 'id').values()].map((rows) => {
    const first = rows[0]!
    const cols = rows.map((r) => String(r['col']))
    const key = foreignKeyKey(cols, String(first['referred']))
    const fkName = ddl.foreignKeyNames.get(key)
    // A parent without a primary key has none to refer to (SQLite refuses every write through such a key): its rowid.
    const referredColumns = rows.map((r) => (r['referred_col'] === null ? 'rowid' : String(r['referred_col'])))
    return {
      ...(fkName ? { name: fkName } : {}),
      columns: cols,
      referredTable: String(first['referred']),
      referredColumns,
      ...action('onDelete', first['on_delete']),
      ...action('onUpdate', first['on_update']),
      ...ddl.foreignKeyDeferral.get(key),
    }
  })
  const checks = ddl.checks
    .filter((ck) => !enumChecks.has(ck.expression))
    .map((ck) => ({ ...(ck.name ? { name: ck.name } : {}), expression: ck.expression }))
  // A one-column UNIQUE stays where it was declared: SQLite numbers its autoindexes in declaration order.
  const onColumn = (u: UniqueConstraint) =>
    u.name === undefined && u.columns.length === 1 && !ddl.tableUniques.has(u.columns[0]!.toLowerCase())
  const tableLevel = uniques.filter((u) => !onColumn(u))
  return {
    name,
    columns: uniqueColumnsInline(columns, uniques.filter(onColumn)),
    ...(pk.length > 1 || ddl.primaryKeyName
      ? { primaryKey: { ...(ddl.primaryKeyName ? { name: ddl.primaryKeyName } : {}), columns: pk } }
      : {}),
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
    ...(tableLevel.length > 0 ? { uniqueConstraints: tableLevel } : {}),
    ...(checks.length > 0 ? { checkConstraints: checks } : {}),
    ...(tableIndexes.length > 0 ? { indexes: tableIndexes } : {}),
    ...(Object.keys(ddl.options).length > 0 ? { sqlite: ddl.options } : {}),
  }
}

/** An unnamed single-column unique constraint declared on its column reads back as the column's `unique`. */
function uniqueColumnsInline(columns: Column[], uniques: readonly UniqueConstraint[]): Column[] {
  const inline = new Set(uniques.map((u) => u.columns[0]!.toLowerCase()))
  return columns.map((c) => (inline.has(c.name.toLowerCase()) ? { ...c, unique: true } : c))
}

function action(key: 'onDelete' | 'onUpdate', value: unknown): { onDelete?: ReferentialAction; onUpdate?: ReferentialAction } {
  const text = String(value ?? 'NO ACTION').toUpperCase()
  return text === 'NO ACTION' ? {} : { [key]: text as ReferentialAction }
}

function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const k = String(row[key])
    const list = groups.get(k)
    if (list) list.push(row)
    else groups.set(k, [row])
  }
  return groups
}
