import { withoutDatabase } from './without-database.js'
import type { Row } from '../../ops/operation-sink.js'
import type {
  CheckConstraint,
  Column,
  ForeignKeyConstraint,
  Index,
  IndexOrder,
  MysqlTableOptions,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../schema/types.js'
import type { IntrospectOptions, Queryable } from '../introspector.js'
import {
  CHECKS_SQL,
  COLUMNS_SQL,
  FOREIGN_KEYS_SQL,
  indexesSql,
  invisibleIndexCondition,
  MARIADB_CHECKS_SQL,
  MARIADB_SRIDS_SQL,
  MYSQL_SRIDS_SQL,
  REFERENTIAL_ACTIONS_SQL,
  SPATIAL_TYPES,
  TABLES_SQL,
} from './introspect-sql.js'
import { withFourByteTexts } from './four-byte-texts.js'
import { withFourByteValues } from './four-byte-values.js'
import { autoIncrementStarts } from './auto-increment-start.js'
import { mysqlDefaultFromCatalog, mysqlTypeFromCatalog } from './introspect-types.js'
import { rowText } from './row-text.js'

/** A column type that holds a number: a numeric default on it means its value, however written (DECIMAL's scale is the column's). */
const NUMBER_TYPE = /^(?:tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|year)\b/i

function groupBy(rows: readonly Row[], ...keys: string[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>()
  const [only] = keys
  for (const row of rows) {
    // Thousands of rows each, mostly by one column: that key is built without an array.
    const key = keys.length === 1 ? String(row[only!]) : keys.map((k) => String(row[k])).join('\u0000')
    const list = map.get(key)
    if (list) list.push(row)
    else map.set(key, [row])
  }
  return map
}

/**
 * The current MySQL/MariaDB database as the schema model, in seven queries on
 * information_schema, over two connections when `helpers` holds one. Unique indexes are unique constraints (MySQL has no
 * difference); the index InnoDB adds for a foreign key, named after it or its first column, is
 * left out; MariaDB's `json_valid` check marks a JSON column.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const tables = await introspectMysql(await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app')))
 */
export async function introspectMysql(db: Queryable, { helpers = [] }: IntrospectOptions = {}): Promise<Table[]> {
  // Queued ahead of the first catalog query rather than awaited before it: only the checks' and indexes' queries depend on it.
  const version = db.query('SELECT VERSION() AS v').then((rows) => rowText(rows[0]?.['v']))
  const mariadb = version.then((text) => /mariadb/i.test(text))
  const checksSql = mariadb.then((yes) => (yes ? MARIADB_CHECKS_SQL : CHECKS_SQL))
  const indexesSqlHere = version.then((text) => indexesSql(invisibleIndexCondition(text)))
  // Awaited in the queue; should an earlier query fail first, their failure must not go unobserved.
  checksSql.catch(() => undefined)
  indexesSqlHere.catch(() => undefined)
  // A connection runs one query at a time. Each connection takes the next query of the queue once its last is
  // answered, so the server reads two parts of the catalog at once (a thread each) from the moment the helper is
  // open, and the connection alone reads them all when there is none: the queries that cost the server most first.
  const queue = [COLUMNS_SQL, indexesSqlHere, TABLES_SQL, FOREIGN_KEYS_SQL, REFERENTIAL_ACTIONS_SQL, checksSql]
  const answers = new Map<string, Row[]>()
  const drain = async (on: Queryable) => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const sql = await next
      answers.set(sql, await on.query(sql))
    }
  }
  await Promise.all([drain(db), Promise.resolve(helpers).then(([helper]) => helper && drain(helper))])
  const answer = (sql: string) => answers.get(sql) ?? []
  const isMariadb = await mariadb
  const tables = answer(TABLES_SQL)
  // A 4-byte character in these texts reads as `?` (information_schema is utf8mb3): read again where one may be.
  const fourByte = await withFourByteTexts(db, answer(COLUMNS_SQL), answer(await checksSql))
  const { checks } = fourByte
  const columns = await withFourByteValues(db, fourByte.columns)
  const indexes = answer(await indexesSqlHere)
  const fks = answer(FOREIGN_KEYS_SQL)
  const actions = answer(REFERENTIAL_ACTIONS_SQL)
  const columnsBy = groupBy(columns, 'tbl')
  const indexesBy = groupBy(indexes, 'tbl')
  const actionsBy = groupBy(actions, 'tbl', 'name')
  // A key to a table the models cannot hold (system-versioned, a sequence) or in another database is not
  // represented (see mysqlUnmanaged): in the models it would point at no table, or at one of the same name here.
  const read = new Set(tables.map((t) => rowText(t['tbl'])))
  const fksBy = groupBy(
    fks
      .filter((row) => Number(row['ref_here']) === 1 && read.has(rowText(row['ref_table'])))
      .map((row) => ({ ...row, ...actionsBy.get(`${rowText(row['tbl'])}\u0000${rowText(row['name'])}`)?.[0] })),
    'tbl',
  )
  const checksBy = groupBy(checks, 'tbl')
  const srids = await spatialReferences(db, columns, isMariadb)
  const starts = await autoIncrementStarts(
    db,
    tables.map((t) => ({ table: rowText(t['tbl']), next: Number(t['next_number'] ?? 0) })),
  )
  return tables.map((t) => {
    const name = rowText(t['tbl'])
    const options = tableOptions(t, starts.get(name))
    const table = buildTable(
      name,
      rowText(t['comment']),
      rowText(t['collation']),
      columnsBy.get(name) ?? [],
      indexesBy.get(name) ?? [],
      fksBy.get(name) ?? [],
      checksBy.get(name) ?? [],
      isMariadb,
    )
    const referenced = withSpatialReferences(table, srids)
    return options === undefined ? referenced : { ...referenced, mysql: options }
  })
}

type SpatialReference = NonNullable<Column['srid']>

/**
 * The SRID of each spatial column that has one, by table and column, which an alter restating the column must
 * keep (see Column.srid); asked only where there is a spatial column.
 */
async function spatialReferences(db: Queryable, columns: readonly Row[], mariadb: boolean): Promise<Map<string, SpatialReference>> {
  const found = new Map<string, SpatialReference>()
  if (!columns.some((row) => SPATIAL_TYPES.includes(rowText(row['type']).toLowerCase()))) return found
  let rows: Row[] = []
  try {
    rows = await db.query(mariadb ? MARIADB_SRIDS_SQL : MYSQL_SRIDS_SQL)
  } catch {
    // A server before SRS_ID (MySQL 5.7) has no SRID on a column.
  }
  const spelling = mariadb ? 'REF_SYSTEM_ID' : 'SRID'
  for (const row of rows) found.set(`${rowText(row['tbl'])}\u0000${rowText(row['col'])}`, { id: Number(row['srid']), spelling })
  return found
}

function withSpatialReferences(table: Table, srids: ReadonlyMap<string, SpatialReference>): Table {
  if (srids.size === 0) return table
  const columns = table.columns.map((column) => {
    const srid = srids.get(`${table.name}\u0000${column.name}`)
    return srid === undefined ? column : { ...column, srid }
  })
  return { ...table, columns }
}

/**
 * The engine and character set of a table where they are not what athanor
 * creates (InnoDB, utf8mb4 in its default collation), so a latin1 or MyISAM
 * table is rebuilt as it was rather than converted; and its AUTO_INCREMENT
 * start, where one is kept (see autoIncrementStarts).
 */
function tableOptions(row: Row, autoIncrement: number | undefined): MysqlTableOptions | undefined {
  const engine = rowText(row['engine'])
  const collate = rowText(row['collation'])
  const charset = rowText(row['charset'])
  const options: MysqlTableOptions = {
    ...(engine === '' || engine === 'InnoDB' ? {} : { engine }),
    ...(charset === 'utf8mb4' && collate === rowText(row['utf8mb4_default']) ? {} : { charset, collate }),
    ...(autoIncrement === undefined ? {} : { autoIncrement }),
  }
  return Object.keys(options).length === 0 ? undefined : options
}

// RESTRICT is what the server reports when no action was given; NO ACTION was written, and is kept so.
const action = (rule: string): ReferentialAction | undefined =>
  rule === 'RESTRICT' || rule === '' ? undefined : (rule as ReferentialAction)

/** STATISTICS.SUB_PART: the characters (bytes, for binary columns) indexed of a column indexed by its prefix only. */
function prefixLengthsOf(rows: readonly Row[]): Record<string, number> | undefined {
  const prefixed = rows.filter((r) => r['sub_part'] !== null && r['sub_part'] !== undefined)
  return prefixed.length === 0 ? undefined : Object.fromEntries(prefixed.map((r) => [rowText(r['col']), Number(r['sub_part'])]))
}

/** STATISTICS.COLLATION 'D': a key sorted descending (MySQL 8, MariaDB 10.8; older servers parse DESC and build ASC). */
function descendingOf(rows: readonly Row[]): Record<string, IndexOrder> | undefined {
  const descending = rows.filter((r) => rowText(r['collation']) === 'D')
  return descending.length === 0 ? undefined : Object.fromEntries(descending.map((r) => [rowText(r['col']), 'desc' as const]))
}

/**
 * STATISTICS.INDEX_TYPE: FULLTEXT and SPATIAL indexes are kept as such, not as plain B-trees; and whether the
 * optimizer is told to leave the index alone (MariaDB's IGNORED, MySQL's INVISIBLE).
 */
function indexKindOf(rows: readonly Row[]): { fulltext?: true; spatial?: true; invisible?: true } {
  const type = rowText(rows[0]!['index_type']).toUpperCase()
  const invisible = Number(rows[0]!['invisible']) === 1 ? { invisible: true as const } : {}
  return { ...(type === 'FULLTEXT' ? { fulltext: true } : type === 'SPATIAL' ? { spatial: true } : {}), ...invisible }
}

function buildTable(
  name: string,
  comment: string,
  tableCollation: string,
  columnRows: Row[],
  indexRows: Row[],
  fkRows: Row[],
  checkRows: Row[],
  mariadb: boolean,
): Table {
  const foreignKeys: ForeignKeyConstraint[] = [...groupBy(fkRows, 'name').values()].map((rows) => {
    const first = rows[0]!
    const onDelete = action(rowText(first['on_delete']))
    const onUpdate = action(rowText(first['on_update']))
    return {
      name: rowText(first['name']),
      columns: rows.map((r) => rowText(r['col'])),
      referredTable: rowText(first['ref_table']),
      referredColumns: rows.map((r) => rowText(r['ref_col'])),
      ...(onDelete ? { onDelete } : {}),
      ...(onUpdate ? { onUpdate } : {}),
    }
  })
  // InnoDB names the index it adds for a foreign key after the key, or after its first column when the key was declared
  // without a name (https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html), which its own name then
  // says (`t_ibfk_1`, or `old_ibfk_1` when a migration made it again after the table was renamed): an index named
  // after the column of a key named by its author was written by that author.
  const unnamed = (fk: ForeignKeyConstraint) => /_ibfk_\d+$/.test(fk.name ?? '')
  const fkOfIndex = new Map(
    foreignKeys.flatMap((fk) =>
      [fk.name, ...(unnamed(fk) ? [fk.columns[0]] : [])].map((index) => [`${index}\u0000${fk.columns.join(',')}`, fk]),
    ),
  )
  const supportingIndexes = new Map<ForeignKeyConstraint, string>()
  let pk: string[] = []
  let pkPrefixLengths: Record<string, number> | undefined
  const uniques: UniqueConstraint[] = []
  const indexes: Index[] = []
  for (const rows of groupBy(indexRows, 'name').values()) {
    const indexName = rowText(rows[0]!['name'])
    const cols = rows.map((r) => rowText(r['col']))
    const kind = indexKindOf(rows)
    // A SPATIAL index reports the 32 bytes it keeps of each geometry as a prefix the model never declares.
    const prefixLengths = kind.spatial === true ? undefined : prefixLengthsOf(rows)
    const order = descendingOf(rows)
    const unique = Number(rows[0]!['non_unique']) === 0
    const options = { ...kind, ...(prefixLengths === undefined ? {} : { prefixLengths }), ...(order === undefined ? {} : { order }) }
    if (indexName === 'PRIMARY') {
      pk = cols
      pkPrefixLengths = prefixLengths
    }
    // A unique index over column prefixes or with descending keys is no unique constraint: those cover whole values ascending.
    else if (Object.keys(options).length > 0) indexes.push({ name: indexName, columns: cols, ...(unique ? { unique } : {}), ...options })
    else if (unique) uniques.push({ name: indexName, columns: cols })
    else {
      const fk = fkOfIndex.get(`${indexName}\u0000${cols.join(',')}`)
      if (fk === undefined) indexes.push({ name: indexName, columns: cols })
      else supportingIndexes.set(fk, indexName)
    }
  }
  const jsonColumns = new Set<string>()
  const tableChecks: CheckConstraint[] = []
  // MariaDB's JSON is LONGTEXT in utf8mb4_bin with that check; a LONGTEXT checked so in another collation was written
  // by hand, and made again as JSON it would sort and compare otherwise.
  const collationOf = new Map(columnRows.map((r) => [rowText(r['col']), rowText(r['collation'])]))
  for (const row of checkRows) {
    const clause = rowText(row['clause'])
    const json = /^json_valid\(`((?:[^`]|``)+)`\)$/i.exec(clause)
    const asJson = json !== null && json[1] === rowText(row['name']) && ['', 'utf8mb4_bin'].includes(collationOf.get(json[1]) ?? '')
    if (asJson) jsonColumns.add(json[1]!)
    else tableChecks.push({ name: rowText(row['name']), expression: clause })
  }
  const columns: Column[] = columnRows.map((r) => {
    const col = rowText(r['col'])
    const extra = rowText(r['extra'])
    const auto = /auto_increment/i.test(extra)
    // MySQL says VIRTUAL/STORED GENERATED in EXTRA; MariaDB's PERSISTENT is its name for STORED.
    const generation = rowText(r['generation'])
    // A sequence or function the expression names comes qualified with this database, which a rebuild elsewhere is not.
    const here = (sql: string) => withoutDatabase(sql, rowText(r['db']))
    const generated =
      /generated/i.test(extra) && generation !== ''
        ? { expression: here(generation), ...(/stored|persistent/i.test(extra) ? { stored: true } : {}) }
        : undefined
    // MariaDB gives a NOT NULL column with ON UPDATE and no default the zero date as its default, and gives it again
    // when the column is created from a model without one: it is the database's, not the model's.
    const implicitZero =
      mariadb && /on update/i.test(extra) && rowText(r['nullable']) === 'NO' && /^'0000-00-00 00:00:00(?:\.0+)?'$/.test(rowText(r['dflt']))
    const catalogDefault =
      auto || generated !== undefined || implicitZero
        ? undefined
        : mysqlDefaultFromCatalog(r['dflt'] === null ? null : rowText(r['dflt']), extra, mariadb, !NUMBER_TYPE.test(rowText(r['type'])))
    // A default drawing from a sequence (MariaDB's `nextval(`db`.`s`)`) loses the database with the rest.
    const expression = catalogDefault?.kind === 'expression' ? here(catalogDefault.sql) : undefined
    const serverDefault = expression === undefined ? catalogDefault : { kind: 'expression' as const, sql: expression }
    const isPk = pk.includes(col)
    const columnComment = rowText(r['comment'])
    const collation = rowText(r['collation'])
    const type = mysqlTypeFromCatalog(rowText(r['type']), jsonColumns.has(col))
    return {
      name: col,
      type: type.kind === 'timestamp' && /on update/i.test(extra) ? { ...type, onUpdateNow: true } : type,
      ...(rowText(r['nullable']) === 'NO' ? { nullable: false } : {}),
      ...(isPk && pk.length === 1 && pkPrefixLengths === undefined ? { primaryKey: true } : {}),
      ...(auto ? { autoincrement: true } : {}),
      ...(/\bINVISIBLE\b/i.test(extra) ? { invisible: true } : {}),
      ...(generated === undefined ? {} : { generated }),
      ...(serverDefault === undefined ? {} : { serverDefault }),
      ...(columnComment === '' ? {} : { comment: columnComment }),
      // A collation is the column's own only where it is not the table's; JSON's utf8mb4_bin is implied by the type.
      ...(collation === '' || collation === tableCollation || jsonColumns.has(col) ? {} : { collation }),
    }
  })
  return {
    name,
    columns,
    ...(pk.length > 1 || pkPrefixLengths !== undefined
      ? { primaryKey: { columns: pk, ...(pkPrefixLengths === undefined ? {} : { prefixLengths: pkPrefixLengths }) } }
      : {}),
    ...(foreignKeys.length > 0 ? { foreignKeys: foreignKeys.map((fk) => withSupportingIndex(fk, supportingIndexes.get(fk))) } : {}),
    ...(uniques.length > 0 ? { uniqueConstraints: uniques } : {}),
    ...(tableChecks.length > 0 ? { checkConstraints: tableChecks } : {}),
    ...(indexes.length > 0 ? { indexes } : {}),
    ...(comment === '' ? {} : { comment }),
  }
}

function withSupportingIndex(fk: ForeignKeyConstraint, index: string | undefined): ForeignKeyConstraint {
  return index === undefined ? fk : { ...fk, supportingIndex: index }
}
