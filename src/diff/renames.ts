import type { Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { tableKey } from './keys.js'
import type { RenameResolver, TableName } from './options.js'

const nameOf = (t: Table): TableName => (t.schema === undefined ? { name: t.name } : { name: t.name, schema: t.schema })

/**
 * Asks the resolver which vanished tables are renamed (or moved to another
 * schema) to which new ones; answers naming tables that are not candidates
 * are ignored. `home` is the schema of a table named without one.
 *
 * @example
 * const resolver: RenameResolver = { tables: async ([was], [now]) => (was && now ? [[was, now]] : []), columns: async () => [] }
 * const dropped = [table('user', { id: col.integer() })]
 * const added = [table('users', { id: col.integer() })]
 * const pairs = await tableRenames(dropped, added, resolver, diffHooksFor('sqlite'))
 * // [[user, users]]
 */
export async function tableRenames(
  dropped: readonly Table[],
  added: readonly Table[],
  resolver: RenameResolver,
  hooks: DiffHooks,
  home?: string,
): Promise<Array<readonly [Table, Table]>> {
  if (dropped.length === 0 || added.length === 0) return []
  const answers = await resolver.tables(dropped.map(nameOf), added.map(nameOf), home ?? (hooks.defaultSchema || undefined))
  const droppedByKey = new Map(dropped.map((t) => [tableKey(t, hooks), t]))
  const addedByKey = new Map(added.map((t) => [tableKey(t, hooks), t]))
  const pairs: Array<readonly [Table, Table]> = []
  for (const [from, to] of answers) {
    const was = droppedByKey.get(tableKey(from, hooks))
    const wanted = addedByKey.get(tableKey(to, hooks))
    if (was === undefined || wanted === undefined) continue
    droppedByKey.delete(tableKey(from, hooks))
    addedByKey.delete(tableKey(to, hooks))
    pairs.push([was, wanted])
  }
  return pairs
}

/**
 * Asks the resolver about columns that vanished and appeared in one table;
 * returns old name → new name.
 *
 * @example
 * const resolver: RenameResolver = { tables: async () => [], columns: async (_table, [was], [now]) => (was && now ? [[was, now]] : []) }
 * const before = table('users', { id: col.integer(), name: col.text() })
 * const after = table('users', { id: col.integer(), full_name: col.text() })
 * await columnRenames(before, after, resolver, diffHooksFor('sqlite')) // Map { 'name' => 'full_name' }
 */
export async function columnRenames(
  current: Table,
  target: Table,
  resolver: RenameResolver,
  hooks: DiffHooks,
): Promise<Map<string, string>> {
  const { dropped, added, caseOnly: renamed } = renameCandidates(current, target, hooks)
  if (dropped.length === 0 || added.length === 0) return renamed
  const droppedKeys = new Map(dropped.map((c) => [hooks.nameKey(c), c]))
  const addedKeys = new Map(added.map((c) => [hooks.nameKey(c), c]))
  for (const [from, to] of await resolver.columns(nameOf(target), dropped, added)) {
    const was = droppedKeys.get(hooks.nameKey(from))
    const now = addedKeys.get(hooks.nameKey(to))
    if (was === undefined || now === undefined) continue
    droppedKeys.delete(hooks.nameKey(from))
    addedKeys.delete(hooks.nameKey(to))
    renamed.set(was, now)
  }
  return renamed
}

/**
 * Whether {@link columnRenames} has renames to find in this table: some
 * column vanished and some appeared, or a name changed only in case where
 * column names ignore it.
 *
 * @example
 * const before = table('users', { id: col.integer(), name: col.text() })
 * const after = table('users', { id: col.integer(), full_name: col.text() })
 * asksColumnRenames(before, after, diffHooksFor('sqlite')) // true
 */
export function asksColumnRenames(current: Table, target: Table, hooks: DiffHooks): boolean {
  // Asked of every table a diff compares, and most keep every column: the common answer is found with one set.
  const wanted = new Set(target.columns.map((c) => hooks.nameKey(c.name)))
  if (current.columns.every((c) => wanted.has(hooks.nameKey(c.name)))) return false
  const { dropped, added, caseOnly } = renameCandidates(current, target, hooks)
  return caseOnly.size > 0 || (dropped.length > 0 && added.length > 0)
}

/**
 * The columns that vanished and those that appeared, by name, less the
 * names whose case alone changed where the database's column names ignore
 * case (MySQL): such a column is the same column, renamed (`caseOnly`), as
 * its new name could not be added beside the old one.
 */
function renameCandidates(
  current: Table,
  target: Table,
  hooks: DiffHooks,
): { dropped: string[]; added: string[]; caseOnly: Map<string, string> } {
  const wanted = new Set(target.columns.map((c) => hooks.nameKey(c.name)))
  const present = new Set(current.columns.map((c) => hooks.nameKey(c.name)))
  const dropped = current.columns.filter((c) => !wanted.has(hooks.nameKey(c.name))).map((c) => c.name)
  const added = target.columns.filter((c) => !present.has(hooks.nameKey(c.name))).map((c) => c.name)
  const caseOnly = new Map<string, string>()
  for (const from of dropped) {
    const to = added.find((name) => hooks.columnNameKey(name) === hooks.columnNameKey(from))
    if (to !== undefined) caseOnly.set(from, to)
  }
  return {
    dropped: dropped.filter((name) => !caseOnly.has(name)),
    added: added.filter((name) => ![...caseOnly.values()].includes(name)),
    caseOnly,
  }
}
