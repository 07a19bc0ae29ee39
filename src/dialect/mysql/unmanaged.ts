import { unrepresentedReaders } from './unrepresented-readers.js'
import type { Queryable, UnmanagedObject } from '../introspector.js'
import { rowText } from './row-text.js'

type Row = Record<string, unknown>

const OBJECTS_SQL = `SELECT kind, name FROM (
  SELECT 'event' AS kind, EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT(LOWER(ROUTINE_TYPE), ' (its body hidden from this account)'), ROUTINE_NAME FROM information_schema.ROUTINES
    WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_DEFINITION IS NULL
  UNION ALL SELECT DISTINCT 'partitioning of table', TABLE_NAME FROM information_schema.PARTITIONS
    WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
) o`

// Each catalog table is read once: information_schema opens every table it answers for, which a 500-table schema feels.
const TABLES_SQL = `SELECT TABLE_NAME AS name, TABLE_TYPE AS type, CREATE_OPTIONS AS options FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND (TABLE_TYPE = 'SYSTEM VERSIONED'
    OR (TABLE_TYPE = 'BASE TABLE' AND TRIM(REPLACE(CREATE_OPTIONS, 'partitioned', '')) <> ''))`

const INDEXES_SQL = `SELECT DISTINCT TABLE_NAME AS tbl, INDEX_NAME AS idx, INDEX_TYPE AS type,
    INDEX_COMMENT AS comment, INDEX_NAME = 'PRIMARY' AND COLLATION = 'D' AS descending
  FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
    AND (INDEX_COMMENT <> '' OR INDEX_TYPE NOT IN ('BTREE', 'FULLTEXT', 'SPATIAL')
      OR (INDEX_NAME = 'PRIMARY' AND COLLATION = 'D'))`

// A view's check option and SQL SECURITY are modelled; its algorithm is not.
const VIEWS_SQL = (algorithm: string) => `SELECT TABLE_NAME AS name, ${algorithm} AS algorithm FROM information_schema.VIEWS
  WHERE TABLE_SCHEMA = DATABASE() AND ${algorithm} <> 'UNDEFINED'`

// The sql_mode a trigger or routine was made under is stored with it and rules how its body runs (ANSI_QUOTES,
// NO_BACKSLASH_ESCAPES, strictness); one made under another mode than a migration's session would behave otherwise.
const MODES_SQL = `SELECT 'sql mode of trigger' AS kind, TRIGGER_NAME AS name, SQL_MODE AS mode FROM information_schema.TRIGGERS
    WHERE TRIGGER_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT('sql mode of ', LOWER(ROUTINE_TYPE)), ROUTINE_NAME, SQL_MODE FROM information_schema.ROUTINES
    WHERE ROUTINE_SCHEMA = DATABASE()
  UNION ALL SELECT 'session', '', @@SESSION.sql_mode`

// Keys to a table in another database, or to one the models cannot hold (see introspectMysql).
const KEYS_SQL = `SELECT DISTINCT TABLE_NAME AS tbl, CONSTRAINT_NAME AS name, REFERENCED_TABLE_SCHEMA AS ref_schema,
    REFERENCED_TABLE_NAME AS ref_table, REFERENCED_TABLE_SCHEMA = DATABASE() AS ref_here
  FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL`
const BASE_TABLES_SQL = `SELECT TABLE_NAME AS name FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 1n

/** The first of `queries` the server can answer (the catalog's columns differ between MySQL and MariaDB versions). */
async function firstAnswered(db: Queryable, queries: readonly string[]): Promise<Row[]> {
  for (const sql of queries) {
    try {
      return await db.query(sql)
    } catch {
      // A column this server does not have: the next form asks without it.
    }
  }
  return []
}

/**
 * What a MySQL/MariaDB database holds that its introspector leaves out:
 * (views, triggers, stored functions and procedures, MariaDB's sequences and
 * the defaults drawing from them are modelled) events, system-versioned tables, partitioning (its tables
 * are pulled, unpartitioned), the routines whose body the account may not
 * see, which cannot be pulled, and what tables, views, indexes and columns
 * carry beyond the model: table options (ROW_FORMAT and the like), foreign
 * keys to a table in another database or one not represented, descending
 * primary keys, index comments and types other than B-tree, view
 * algorithms, and the sql_mode a trigger or routine was made under where a
 * migration would make it under another. (Invisible columns, ignored or
 * invisible indexes and the SRID of spatial columns are modelled.)
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * await mysqlUnmanaged(db) // [{ kind: 'event', name: 'nightly_purge' }]
 */
export async function mysqlUnmanaged(db: Queryable): Promise<UnmanagedObject[]> {
  const found: UnmanagedObject[] = (await db.query(OBJECTS_SQL)).map((row) => ({ kind: rowText(row['kind']), name: rowText(row['name']) }))
  for (const row of await db.query(TABLES_SQL)) {
    const type = rowText(row['type'])
    if (type === 'SYSTEM VERSIONED') found.push({ kind: 'system-versioned table', name: rowText(row['name']) })
    else
      found.push({ kind: 'table options', name: `${rowText(row['name'])} (${rowText(row['options']).replace('partitioned', '').trim()})` })
  }
  const base = new Set((await db.query(BASE_TABLES_SQL)).map((row) => rowText(row['name'])))
  for (const row of await db.query(KEYS_SQL)) {
    if (truthy(row['ref_here']) && base.has(rowText(row['ref_table']))) continue
    const referred = truthy(row['ref_here']) ? rowText(row['ref_table']) : `${rowText(row['ref_schema'])}.${rowText(row['ref_table'])}`
    found.push({ kind: 'foreign key to a table not represented', name: `${rowText(row['tbl'])}.${rowText(row['name'])} -> ${referred}` })
  }
  for (const row of await db.query(INDEXES_SQL)) {
    const at = `${rowText(row['idx'])} on ${rowText(row['tbl'])}`
    if (truthy(row['descending'])) found.push({ kind: 'descending primary key', name: rowText(row['tbl']) })
    if (rowText(row['comment']) !== '') found.push({ kind: 'index comment', name: at })
    if (!['BTREE', 'FULLTEXT', 'SPATIAL'].includes(rowText(row['type'])))
      found.push({ kind: 'index type', name: `${at} (${rowText(row['type'])})` })
  }
  for (const row of await firstAnswered(db, [VIEWS_SQL('ALGORITHM'), VIEWS_SQL("'UNDEFINED'")])) {
    if (rowText(row['algorithm']) !== 'UNDEFINED')
      found.push({ kind: 'view algorithm', name: `${rowText(row['name'])} (${rowText(row['algorithm'])})` })
  }
  found.push(...madeUnderOtherModes(await db.query(MODES_SQL)))
  const readers = await unrepresentedReaders(db)
  for (const [name, read] of readers.views) found.push({ kind: 'view reading a table not represented', name: `${name} -> ${read}` })
  for (const [name, read] of readers.triggers) found.push({ kind: 'trigger reading a table not represented', name: `${name} -> ${read}` })
  // One entry per object, however many of its rows said so (a descending key over several columns).
  const unique = new Map(found.map((o) => [`${o.kind}\u0000${o.name}`, o]))
  return [...unique.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
}

/**
 * The triggers and routines whose stored sql_mode is not the one a
 * migration's session makes them under: this session's, strict as a run
 * makes it (see mysqlStrictSession). Modes compare as sets of flags.
 */
function madeUnderOtherModes(rows: readonly Row[]): UnmanagedObject[] {
  const flags = (mode: string) => mode.split(',').filter((flag) => flag !== '')
  const session = flags(rowText(rows.find((row) => rowText(row['kind']) === 'session')?.['mode']))
  const strict = session.includes('STRICT_TRANS_TABLES') || session.includes('STRICT_ALL_TABLES')
  const run = new Set(strict ? session : [...session, 'STRICT_TRANS_TABLES'])
  return rows.flatMap((row) => {
    const kind = rowText(row['kind'])
    const mode = flags(rowText(row['mode']))
    const same = mode.length === run.size && mode.every((flag) => run.has(flag))
    return kind === 'session' || same ? [] : [{ kind, name: `${rowText(row['name'])} (${mode.join(',') || 'no flags'})` }]
  })
}
