import type { Row } from '../../ops/operation-sink.js'
import type {
  CheckConstraint,
  Column,
  ColumnType,
  ForeignKeyConstraint,
  Index,
  Numbering,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../schema/types.js'
import type { IntrospectOptions, Queryable } from '../introspector.js'
import { isSequenceType, sequenceDefaults, sequenceNumber, withoutSequenceDefaults } from '../../schema/sequence-defaults.js'
import type { SequenceValues } from '../../schema/types.js'
import { uniqueDeferral } from '../../schema/unique-deferral.js'
import { postgresLiteral } from './literal.js'
import { postgresIndex, storageOf, unquoteName } from './introspect-index.js'
import { catalogQuery, COLUMNS_SQL, CONSTRAINTS_SQL, INDEXES_SQL, POLICIES_SQL } from './introspect-sql.js'
import type { Policy, PolicyCommand } from '../../schema/policy.js'
import type { ExclusionConstraint } from '../../schema/exclusion.js'
import type { ReplicaIdentity } from '../../schema/partitioning.js'
import { postgresDefaultFromCatalog, postgresEnumValues, postgresTypeFromCatalog } from './introspect-types.js'

/**
 * The types whose default is a number whatever its digits: any other keeps the digits as written (a numeric's
 * scale, a text column's characters).
 */
const SCALELESS_NUMBER = /^(?:smallint|integer|bigint|real|double precision)$/

const ACTIONS: Readonly<Record<string, ReferentialAction | undefined>> = {
  a: undefined,
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
}

// E'…' for a name with a backslash, so the literal holds whether or not the
// session has standard_conforming_strings on.
const literal = (s: string) => postgresLiteral(s)

function groups(rows: readonly Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>()
  for (const row of rows) {
    const key = `${String(row['schema'])}.${String(row['tbl'])}`
    const list = map.get(key)
    if (list) list.push(row)
    else map.set(key, [row])
  }
  return map
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? (JSON.parse(value) as string[]) : []

/**
 * A PostgreSQL database (the connection's current schema, `public` unless
 * the URL says otherwise, and any others asked for) as
 * the schema model, in four catalog queries: columns, constraints, indexes, policies.
 * Indexes that back a primary key or unique constraint are the constraint,
 * not indexes; identity and serial columns are autoincrement; the CHECK
 * athanor writes for an enum turns the column back into an enum.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * const tables = await introspectPostgres(connection, { schemas: ['audit'] })
 */
export async function introspectPostgres(db: Queryable, options: IntrospectOptions = {}): Promise<Table[]> {
  // The connection's own schema (`?schema=` sets the search_path) plays the
  // part 'public' plays by default: its tables carry no schema in the model.
  // current_schema() in the queries themselves, so that helper connections
  // (opened with the same URL, hence the same search_path) read the same one.
  const schemas = ['current_schema()', ...(options.schemas ?? []).map(literal)].join(', ')
  const sql = (template: string, session: Row) => catalogQuery(template, schemas, Number(session['version']))
  // A connection runs one query at a time; given helpers, the catalog
  // queries run side by side, each on a backend of its own (query i on
  // connection i modulo their number).
  const connections = [db, ...(await (options.helpers ?? []))].slice(0, CATALOG_QUERIES.length)
  const mine = (c: number) => CATALOG_QUERIES.filter((_, i) => i % connections.length === c)
  const reads = await Promise.all(
    connections.map((connection, c) =>
      withoutJit(connection, (session) => Promise.all(mine(c).map((t) => connection.query(sql(t, session))))),
    ),
  )
  const [columns = [], constraints = [], indexes = [], policies = []] = CATALOG_QUERIES.map(
    (_, i) => reads[i % connections.length]!.rows[Math.floor(i / connections.length)]!,
  )
  const home = String(reads[0]!.session['home'] ?? 'public')
  const constraintsBy = groups(constraints)
  const indexesBy = groups(indexes)
  const policiesBy = groups(policies)
  return [...groups(columns)].map(([key, rows]) =>
    buildTable(home, rows, constraintsBy.get(key) ?? [], indexesBy.get(key) ?? [], (policiesBy.get(key) ?? []).map(policyOf)),
  )
}

/** The catalog queries, in the order {@link introspectPostgres} hands them out over its connections. */
const CATALOG_QUERIES = [COLUMNS_SQL, CONSTRAINTS_SQL, INDEXES_SQL, POLICIES_SQL] as const

/**
 * `read` on a connection whose planner does not JIT-compile: the catalog
 * queries' cost estimates grow with the number of tables past
 * `jit_above_cost`, and compiling them took longer than running them (150 of
 * 350 ms for the columns of 500 tables). The session's setting is restored
 * after; one the transaction has aborted is restored by its rollback. Also
 * reads the session's current schema (`home`) and the server's version
 * number (`version`), which `read` is given.
 */
async function withoutJit(db: Queryable, read: (session: Row) => Promise<Row[][]>): Promise<{ session: Row; rows: Row[][] }> {
  // current_setting(…, true): NULL rather than an error on a server without the setting.
  const [session = {}] = await db.query(
    "SELECT current_schema() AS home, current_setting('jit', true) AS jit, current_setting('server_version_num') AS version",
  )
  if (session['jit'] !== 'on') return { session, rows: await read(session) }
  await db.query("SELECT set_config('jit', 'off', false)")
  try {
    return { session, rows: await read(session) }
  } finally {
    await db.query("SELECT set_config('jit', 'on', false)").catch(() => undefined)
  }
}

/**
 * The sequence a SERIAL default draws from: `nextval('users_id_seq'::regclass)` → `users_id_seq`. Outside the
 * search path the catalog qualifies it (`nextval('s.t_id_seq'::regclass)`); its schema is its table's, as OWNED BY asks.
 */
function serialSequence(defaultText: string): string | undefined {
  const quoted = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(defaultText)?.[1]
  const name = quoted
    ?.replaceAll("''", "'")
    .match(/"(?:[^"]|"")*"|[^."]+/g)
    ?.at(-1)
  return name === undefined ? undefined : unquoteName(name)
}

/** The options of a column's sequence (an identity's, a SERIAL's) that PostgreSQL would not have chosen itself. */
function sequenceOptions(row: Row): SequenceValues {
  if (row['seq_increment'] === null || row['seq_increment'] === undefined) return {}
  const typeText = String(row['seq_type'])
  const type = isSequenceType(typeText) ? typeText : 'bigint'
  const increment = Number(row['seq_increment'])
  // Bounds are compared as the catalog's text: a bigint's default ones are past a number's exact range.
  const defaults = sequenceDefaults(type, increment)
  const minValue = String(row['seq_min']) === defaults.minValue ? {} : { minValue: sequenceNumber(String(row['seq_min'])) }
  const maxValue = String(row['seq_max']) === defaults.maxValue ? {} : { maxValue: sequenceNumber(String(row['seq_max'])) }
  return withoutSequenceDefaults(
    {
      increment,
      ...minValue,
      ...maxValue,
      start: sequenceNumber(String(row['seq_start'])),
      cache: Number(row['seq_cache']),
      cycle: row['seq_cycle'] === true,
    },
    type,
  )
}

/** An identity's kind and its sequence's options. */
function identity(ident: string, row: Row): Numbering {
  return { kind: 'identity', ...(ident === 'a' ? { always: true } : {}), ...sequenceOptions(row) }
}

// pg_policy.polcmd's letters.
const POLICY_COMMAND_LETTERS: Readonly<Record<string, PolicyCommand>> = { r: 'select', a: 'insert', w: 'update', d: 'delete' }

/** A policy from its catalog row, its defaults (all commands, PUBLIC, permissive) left out. */
function policyOf(row: Row): Policy {
  const command = POLICY_COMMAND_LETTERS[String(row['cmd'])]
  const roles = strings(row['roles'])
  return {
    name: String(row['name']),
    ...(command === undefined ? {} : { for: command }),
    ...(roles.length === 1 && roles[0] === 'public' ? {} : { to: roles }),
    ...(row['permissive'] === false ? { restrictive: true } : {}),
    ...(row['qual'] === null || row['qual'] === undefined ? {} : { using: String(row['qual']) }),
    ...(row['with_check'] === null || row['with_check'] === undefined ? {} : { withCheck: String(row['with_check']) }),
  }
}

/** A table's replica identity other than its primary key: FULL, NOTHING, or USING INDEX. */
function replicaIdentityOf(row: Row): { replicaIdentity?: ReplicaIdentity } {
  const identity = String(row['replica_identity'])
  if (identity === 'f') return { replicaIdentity: 'full' }
  if (identity === 'n') return { replicaIdentity: 'nothing' }
  // An identity index since dropped leaves 'i' and no index: PostgreSQL then sends no old values, as for NOTHING.
  if (identity === 'i') return { replicaIdentity: typeof row['replica_index'] === 'string' ? { index: row['replica_index'] } : 'nothing' }
  return {}
}

function buildTable(
  home: string,
  columnRows: readonly Row[],
  constraintRows: readonly Row[],
  indexRows: readonly Row[],
  policies: readonly Policy[],
): Table {
  const first = columnRows[0]!
  const name = String(first['tbl'])
  const schema = String(first['schema'])
  const pkRow = constraintRows.find((r) => r['type'] === 'p')
  const pk = pkRow === undefined ? [] : strings(pkRow['cols'])
  const pkName = pkRow === undefined ? undefined : String(pkRow['name'])
  const pkDeferral = uniqueDeferral({ deferrable: pkRow?.['deferrable'] === true, initiallyDeferred: pkRow?.['deferred'] === true })
  const pkInclude = pkRow?.['included'] == null ? {} : { include: strings(pkRow['included']) }
  const declared = new Map(columnRows.map((r) => [String(r['col']), String(r['type'])]))
  const enums = new Map<string, ColumnType>()
  const checks: CheckConstraint[] = []
  const uniques: UniqueConstraint[] = []
  const foreignKeys: ForeignKeyConstraint[] = []
  const exclusions: ExclusionConstraint[] = []
  for (const row of constraintRows) {
    const cols = strings(row['cols'])
    const conname = String(row['name'])
    if (row['type'] === 'c') {
      const values = cols.length === 1 ? postgresEnumValues(String(row['def']), cols[0]!) : undefined
      // Only the CHECK athanor writes for an enum is one: on a VARCHAR as long as
      // its longest value. Any other `IN (…)` check was written as a check.
      if (values !== undefined && declared.get(cols[0]!) === `character varying(${Math.max(1, ...values.map((v) => [...v].length))})`) {
        enums.set(cols[0]!, { kind: 'enum', values, ...(conname === `${name}_${cols[0]}_check` ? {} : { name: conname }) })
      } else {
        checks.push(checkFromDefinition(conname, String(row['def'])))
      }
    } else if (row['type'] === 'x') {
      exclusions.push({ name: conname, definition: String(row['def']) })
    } else if (row['type'] === 'u') {
      uniques.push({
        name: conname,
        columns: cols,
        ...uniqueDeferral({ deferrable: row['deferrable'] === true, initiallyDeferred: row['deferred'] === true }),
        ...(row['nulls_not_distinct'] === true ? { nullsNotDistinct: true } : {}),
        ...(row['included'] == null ? {} : { include: strings(row['included']) }),
      })
    } else if (row['type'] === 'f') {
      const onDelete = ACTIONS[String(row['on_delete'])]
      const onUpdate = ACTIONS[String(row['on_update'])]
      foreignKeys.push({
        name: conname,
        columns: cols,
        referredTable: String(row['ref_table']),
        ...(row['ref_schema'] === home ? {} : { referredSchema: String(row['ref_schema']) }),
        referredColumns: strings(row['ref_cols']),
        ...(onDelete ? { onDelete } : {}),
        ...(onUpdate ? { onUpdate } : {}),
        ...(row['match_type'] === 'f' ? { matchFull: true } : {}),
        ...(row['deferrable'] === true ? { deferrable: true } : {}),
        ...(row['deferred'] === true ? { initiallyDeferred: true } : {}),
      })
    }
  }
  const tableColumns: Column[] = columnRows.map((r) => {
    const col = String(r['col'])
    const raw = r['dflt'] === null ? null : String(r['dflt'])
    const sequence = raw === null || r['owns_seq'] !== true ? undefined : serialSequence(raw)
    const ident = r['ident'] === null ? '' : String(r['ident'])
    const generated = r['generated'] === 's' && raw !== null ? { expression: raw, stored: true } : undefined
    const numbering =
      sequence !== undefined ? { kind: 'serial' as const, sequence, ...sequenceOptions(r) } : ident !== '' ? identity(ident, r) : undefined
    const serverDefault =
      sequence !== undefined || generated !== undefined
        ? undefined
        : postgresDefaultFromCatalog(raw, !SCALELESS_NUMBER.test(String(r['type'])), String(r['type']))
    const isPk = pk.includes(col)
    return {
      name: col,
      type: enums.get(col) ?? postgresTypeFromCatalog(String(r['type'])),
      ...(r['notnull'] === true || isPk ? { nullable: false } : {}),
      ...(isPk && pk.length === 1 ? { primaryKey: true } : {}),
      ...(numbering === undefined ? {} : { autoincrement: true, numbering }),
      ...(generated === undefined ? {} : { generated }),
      ...(serverDefault === undefined ? {} : { serverDefault }),
      ...(r['comment'] === null || r['comment'] === undefined ? {} : { comment: String(r['comment']) }),
      ...(r['collation'] === null || r['collation'] === undefined ? {} : { collation: String(r['collation']) }),
    }
  })
  const tableIndexes: Index[] = indexRows.map(postgresIndex)
  const comment = first['table_comment']
  const partitionBy = first['partition_by']
  const storage = storageOf(first['reloptions'])
  const options = {
    ...(typeof partitionBy === 'string' ? { partitionBy } : {}),
    ...(first['unlogged'] === true ? { unlogged: true } : {}),
    ...(storage === undefined ? {} : { storage }),
    ...(first['row_security'] === true ? { rowLevelSecurity: true } : {}),
    ...(first['force_row_security'] === true ? { forceRowLevelSecurity: true } : {}),
    ...(policies.length === 0 ? {} : { policies }),
    ...(exclusions.length === 0 ? {} : { exclusions }),
    ...replicaIdentityOf(first),
  }
  return {
    name,
    ...(schema === home ? {} : { schema }),
    columns: tableColumns,
    // A single-column key keeps its name unless it is PostgreSQL's own `<table>_pkey`; a deferrable one, or one
    // carrying columns, is said at table level.
    ...(pk.length > 1 || (pkName !== undefined && pkName !== `${name}_pkey`) || pkDeferral.deferrable === true || 'include' in pkInclude
      ? { primaryKey: { name: pkName!, columns: pk, ...pkDeferral, ...pkInclude } }
      : {}),
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
    ...(uniques.length > 0 ? { uniqueConstraints: uniques } : {}),
    ...(checks.length > 0 ? { checkConstraints: checks } : {}),
    ...(tableIndexes.length > 0 ? { indexes: tableIndexes } : {}),
    ...(comment === null || comment === undefined ? {} : { comment: String(comment) }),
    ...(Object.keys(options).length === 0 ? {} : { postgresql: options }),
  }
}

/**
 * A check as pg_get_constraintdef writes it: `CHECK (expr)`, then ` NO
 * INHERIT` and ` NOT VALID` where they apply. NOT VALID only says old rows
 * were not checked yet: the constraint is the models' all the same.
 */
function checkFromDefinition(name: string, definition: string): CheckConstraint {
  const m = /^CHECK \((.*)\)( NO INHERIT)?(?: NOT VALID)?$/s.exec(definition)
  if (m === null) return { name, expression: definition }
  return { name, expression: m[1]!, ...(m[2] === undefined ? {} : { noInherit: true }) }
}
