import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { referredKey, tableKey } from './keys.js'

/** Tables in creation order, and the foreign keys that must wait until all exist. */
export interface CreationOrder {
  readonly tables: readonly Table[]
  /** Per table key: foreign keys left out of CREATE TABLE because they close a cycle. */
  readonly deferred: ReadonlyMap<string, readonly ForeignKeyConstraint[]>
}

/**
 * Orders tables so each comes after the tables its foreign keys refer to
 * (Kahn's algorithm, keeping the given order where free, with a queue rather than recursion, so a 500-table
 * chain is as cheap as a flat list). Only references among `tables` count;
 * the others exist already. A table whose default draws from another's
 * SERIAL sequence comes after that table too. When a cycle blocks progress,
 * the first blocked table (in the models' order, so the output is stable)
 * whose sequences are made is created without the foreign keys that close
 * the cycle, and those are added after every table exists.
 *
 * @example
 * const posts = table('posts', { id: col.integer().primaryKey(), user_id: col.integer().references('users') })
 * const users = table('users', { id: col.integer().primaryKey() })
 * creationOrder([posts, users], diffHooksFor('postgresql')).tables.map((t) => t.name) // ['users', 'posts']
 */
export function creationOrder(tables: readonly Table[], hooks: DiffHooks): CreationOrder {
  const byKey = new Map(tables.map((t) => [tableKey(t, hooks), t]))
  const waitingOn = new Map<string, Set<string>>()
  const dependents = new Map<string, string[]>()
  const sequenceOwners = serialSequenceOwners(byKey, hooks.defaultSchema)
  for (const [key, table] of byKey) {
    const needs = new Set<string>()
    for (const fk of table.foreignKeys ?? []) {
      const target = referredKey(fk, hooks)
      if (target !== key && byKey.has(target)) needs.add(target)
    }
    for (const owner of sequencesDrawnFrom(table, sequenceOwners, hooks.defaultSchema)) if (owner !== key) needs.add(owner)
    waitingOn.set(key, needs)
    for (const need of needs) dependents.set(need, [...(dependents.get(need) ?? []), key])
  }
  const ordered: Table[] = []
  const deferred = new Map<string, ForeignKeyConstraint[]>()
  const placed = new Set<string>()
  const ready = [...byKey.keys()].filter((k) => waitingOn.get(k)!.size === 0)
  const remaining = new Set(byKey.keys())
  const place = (key: string) => {
    placed.add(key)
    remaining.delete(key)
    ordered.push(byKey.get(key)!)
    for (const dependent of dependents.get(key) ?? []) {
      const needs = waitingOn.get(dependent)!
      needs.delete(key)
      if (needs.size === 0 && !placed.has(dependent)) ready.push(dependent)
    }
  }
  while (remaining.size > 0) {
    let next = ready.shift()
    if (next === undefined) {
      // A cycle: break it at the first remaining table whose defaults draw from no sequence still to be made, as only
      // foreign keys can wait.
      const drawsFromMade = (key: string) =>
        sequencesDrawnFrom(byKey.get(key)!, sequenceOwners, hooks.defaultSchema).every((owner) => owner === key || placed.has(owner))
      next = [...remaining].find(drawsFromMade) ?? remaining.values().next().value!
      const table = byKey.get(next)!
      const later = (table.foreignKeys ?? []).filter((fk) => remaining.has(referredKey(fk, hooks)) && referredKey(fk, hooks) !== next)
      deferred.set(next, later)
      byKey.set(next, { ...table, foreignKeys: (table.foreignKeys ?? []).filter((fk) => !later.includes(fk)) })
      waitingOn.get(next)!.clear()
    }
    if (placed.has(next)) continue
    place(next)
  }
  if (hooks.inlineForeignKeys) {
    // SQLite: every key stays in CREATE TABLE (it cannot be added later, and
    // need not point at an existing table yet).
    const original = new Map(tables.map((t) => [tableKey(t, hooks), t]))
    return { tables: ordered.map((t) => original.get(tableKey(t, hooks))!), deferred: new Map() }
  }
  return { tables: ordered, deferred }
}

/** The tables whose SERIAL columns make each sequence, by the sequence's schema (its table's) and name, lower-cased. */
function serialSequenceOwners(byKey: ReadonlyMap<string, Table>, home: string): Map<string, string> {
  const owners = new Map<string, string>()
  for (const [key, table] of byKey) {
    for (const column of table.columns) {
      if (column.numbering?.kind === 'serial') owners.set(`${table.schema ?? home}.${column.numbering.sequence}`.toLowerCase(), key)
    }
  }
  return owners
}

const NEXTVAL = /nextval\(\s*'((?:[^']|'')*)'/gi

/**
 * The tables that make the sequences a table's defaults draw from
 * (`DEFAULT nextval('orders_id_seq')` on another table than the one whose
 * SERIAL column made it): the table comes after them.
 */
function sequencesDrawnFrom(table: Table, owners: ReadonlyMap<string, string>, home: string): string[] {
  if (owners.size === 0) return []
  const found: string[] = []
  for (const column of table.columns) {
    const value = column.serverDefault
    if (value?.kind !== 'expression' || !/nextval/i.test(value.sql)) continue
    for (const [, written] of value.sql.matchAll(NEXTVAL)) {
      // nextval('s.t_id_seq') names its schema; a bare name is found on the search path, the home schema first.
      const parts = written!.replaceAll("''", "'").replaceAll('"', '').split('.')
      const owner = owners.get((parts.length > 1 ? parts.slice(-2).join('.') : `${home}.${parts[0]}`).toLowerCase())
      if (owner !== undefined) found.push(owner)
    }
  }
  return found
}
