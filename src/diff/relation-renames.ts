import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Partition } from '../schema/partitioning.js'
import type { Sequence } from '../schema/pg-objects.js'
import { pgQuoteIdent } from '../schema/pg-identifier.js'
import type { Table } from '../schema/types.js'
import { tableKey } from './keys.js'
import type { RenamedRelation, RenameResolver, TableName } from './options.js'
import { tableMoveOperations } from './table-moves.js'

const nameOf = (o: TableName): TableName => (o.schema === undefined ? { name: o.name } : { name: o.name, schema: o.schema })

/**
 * Asks the resolver, group by group, which of the vanished relations are
 * renamed to which new ones of the same group; answers naming others are
 * ignored, so a rename flag for them stays unmatched.
 */
async function renamesIn<T extends TableName>(
  dropped: readonly T[],
  added: readonly T[],
  group: (relation: T) => string,
  kind: RenamedRelation,
  context: { readonly resolver: RenameResolver; readonly hooks: DiffHooks; readonly home: string },
): Promise<Array<readonly [T, T]>> {
  const { resolver, hooks, home } = context
  const key = (relation: TableName) => tableKey(relation, hooks)
  const pairs: Array<readonly [T, T]> = []
  for (const name of new Set(dropped.map(group))) {
    const was = new Map(dropped.filter((r) => group(r) === name).map((r) => [key(r), r]))
    const now = new Map(added.filter((r) => group(r) === name).map((r) => [key(r), r]))
    if (now.size === 0) continue
    for (const [from, to] of await resolver.tables([...was.values()].map(nameOf), [...now.values()].map(nameOf), home, kind)) {
      const old = was.get(key(from))
      const wanted = now.get(key(to))
      if (old === undefined || wanted === undefined) continue
      was.delete(key(from))
      now.delete(key(to))
      pairs.push([old, wanted])
    }
  }
  return pairs
}

/**
 * The partitions the resolver confirms as renamed: a dropped and an added
 * partition of one parent (the names it has after this migration's table
 * renames), asked about as `--rename-table` names them. Each becomes
 * `ALTER TABLE … RENAME TO`, which keeps its rows, and the partition as the
 * database has it takes its new name, so its bounds and key are compared as
 * any kept partition's (new bounds are then a detach and an attach).
 *
 * @example
 * const was: Partition = { name: 'm_2020', parent: 'm', bounds: "FOR VALUES IN (2020)" }
 * const wanted: Partition = { name: 'm_y2020', parent: 'm', bounds: "FOR VALUES IN (2020)" }
 * const resolver: RenameResolver = { tables: async ([a], [b]) => (a && b ? [[a, b]] : []), columns: async () => [] }
 * await partitionRenames([was], [wanted], resolver, diffHooksFor('postgresql'), 'public')
 * // { ops: [{ kind: 'rename_table', table: 'm_2020', newName: 'm_y2020' }], current: [{ name: 'm_y2020', … }] }
 */
export async function partitionRenames(
  current: readonly Partition[],
  target: readonly Partition[],
  resolver: RenameResolver,
  hooks: DiffHooks,
  home: string,
): Promise<{ ops: Operation[]; current: Partition[] }> {
  const key = (p: TableName) => tableKey(p, hooks)
  const parentKey = (p: Partition) => tableKey({ name: p.parent, ...schemaOf(p.parentSchema ?? p.schema) }, hooks)
  const had = new Set(current.map(key))
  const wanted = new Set(target.map(key))
  const dropped = current.filter((p) => !wanted.has(key(p)))
  const added = target.filter((p) => !had.has(key(p)))
  if (dropped.length === 0 || added.length === 0) return { ops: [], current: [...current] }
  const pairs = await renamesIn(dropped, added, parentKey, 'partition', { resolver, hooks, home })
  const renamed = new Map(pairs.map(([was, now]) => [was, now]))
  return {
    // A partition is a table: its rename is a table's, and a move to another schema too.
    ops: pairs.flatMap(([was, now]) => tableMoveOperations(was, now, home, hooks)),
    current: current.map((p) => {
      const now = renamed.get(p)
      if (now === undefined) return p
      // The partition under its new name and schema, with the bounds and key it has: those are compared next.
      const { bounds: _bounds, partitionBy: _key, ...named } = now
      return { ...named, bounds: p.bounds, ...(p.partitionBy === undefined ? {} : { partitionBy: p.partitionBy }) }
    }),
  }
}

/**
 * The sequences the resolver confirms as renamed: a dropped and an added
 * sequence of one schema, asked about as `--rename-table` names them (a
 * sequence is a relation, in the tables' namespace). Each becomes `ALTER
 * SEQUENCE … RENAME TO`, which keeps its current value; the sequences and
 * the tables as the database has them take the new name, so its options
 * are compared as a kept sequence's, and a default that draws from it
 * (`nextval('order_no'::regclass)`) reads as PostgreSQL will print it after
 * the rename, which it follows by the sequence's OID.
 *
 * @example
 * const resolver: RenameResolver = { tables: async ([a], [b]) => (a && b ? [[a, b]] : []), columns: async () => [] }
 * await sequenceRenames([{ name: 'order_no' }], [{ name: 'order_number' }], [], resolver, diffHooksFor('postgresql'), 'public')
 * // { ops: [{ kind: 'rename_sequence', name: 'order_no', newName: 'order_number' }], current: [{ name: 'order_number' }], tables: [] }
 */
export async function sequenceRenames(
  current: readonly Sequence[],
  target: readonly Sequence[],
  tables: readonly Table[],
  resolver: RenameResolver,
  hooks: DiffHooks,
  home: string,
): Promise<{ ops: Operation[]; current: Sequence[]; tables: readonly Table[] }> {
  // As diffSchemaObjects matches them.
  const key = (s: Sequence) => `${s.schema ?? ''}.${s.name}`
  const had = new Set(current.map(key))
  const wanted = new Set(target.map(key))
  const dropped = current.filter((s) => !wanted.has(key(s)))
  const added = target.filter((s) => !had.has(key(s)))
  if (dropped.length === 0 || added.length === 0) return { ops: [], current: [...current], tables }
  const schemaKey = (s: Sequence) => hooks.nameKey(s.schema ?? home)
  const pairs = await renamesIn(dropped, added, schemaKey, 'sequence', { resolver, hooks, home })
  if (pairs.length === 0) return { ops: [], current: [...current], tables }
  const renamed = new Map(pairs.map(([was, now]) => [was, now]))
  return {
    ops: pairs.map(([was, now]) => ({ kind: 'rename_sequence', name: was.name, ...schemaOf(was.schema), newName: now.name })),
    current: current.map((s) => {
      const now = renamed.get(s)
      return now === undefined ? s : { ...s, name: now.name }
    }),
    tables: tables.map((table) => drawingFromRenamed(table, pairs, home)),
  }
}

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

const NEXTVAL = /(nextval\(\s*')((?:[^']|'')*)(')/gi

/** The table with its defaults' `nextval('old')` naming the new sequence, as PostgreSQL prints them once it is renamed. */
function drawingFromRenamed(table: Table, pairs: ReadonlyArray<readonly [Sequence, Sequence]>, home: string): Table {
  let changed = false
  const columns = table.columns.map((column) => {
    const value = column.serverDefault
    if (value?.kind !== 'expression' || !/nextval/i.test(value.sql)) return column
    const sql = value.sql.replace(NEXTVAL, (whole, open: string, written: string, close: string) => {
      const parts = written.replaceAll("''", "'").match(/"(?:[^"]|"")*"|[^."]+/g) ?? []
      const name = unquoted(parts.at(-1) ?? '')
      // A bare name is found on the search path: the home schema's sequence.
      const schema = parts.length > 1 ? unquoted(parts.at(-2)!) : undefined
      const pair = pairs.find(([was]) => was.name === name && (was.schema ?? home) === (schema ?? was.schema ?? home))
      if (pair === undefined) return whole
      const renamed = [...parts.slice(0, -1), pgQuoteIdent(pair[1].name)].join('.').replaceAll("'", "''")
      return `${open}${renamed}${close}`
    })
    if (sql === value.sql) return column
    changed = true
    return { ...column, serverDefault: { kind: 'expression' as const, sql } }
  })
  return changed ? { ...table, columns } : table
}

/** An identifier as PostgreSQL reads it: a quoted one as written, a bare one folded to lower case. */
function unquoted(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part.toLowerCase()
}
