import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { namesMentioned } from '../dialect/view-support.js'
import type { Operation } from '../ops/operation.js'
import type { Domain } from '../schema/pg-domain.js'
import type { CheckConstraint, Column, DefaultValue, Table } from '../schema/types.js'
import { refOf, tableKey } from './keys.js'
import { domainDependents } from './routine-dependents-domains.js'
import { indexCalls, policyCalls, puttingBack, setDefault, tableNotCalling, withoutDefault } from './routine-callers.js'

/**
 * One side of a comparison, as far as what calls a routine goes: the tables
 * (their defaults, checks, indexes and generated columns) and the domains (their checks and default).
 *
 * @example
 * const side: CallerSide = { tables: [], domains: [] }
 */
export interface CallerSide {
  readonly tables: readonly Table[]
  readonly domains?: readonly Domain[] | undefined
}

/**
 * What a migration does around routines it drops and creates again: the
 * defaults, checks and indexes that call them, taken off before the routines
 * are dropped (`detach`, the database's definitions, which the downgrade
 * restores) and put back after they are created (`reattach`, the models'),
 * and the table changes (`tableOps`) less what those two do instead.
 *
 * @example
 * const { detach, tableOps, reattach } = routineDependents(['twice'], { tables: [] }, { tables: [] }, [], diffHooksFor('postgresql'))
 */
export interface RoutineDependents {
  readonly detach: readonly Operation[]
  readonly tableOps: readonly Operation[]
  readonly reattach: readonly Operation[]
}

type Hooks = DiffHooks

/**
 * PostgreSQL records a column default, a check, an index expression or
 * predicate, a policy's condition and a domain's check or default as depending on the functions it
 * calls, and refuses `DROP FUNCTION` under them (SQLSTATE 2BP01). When a
 * routine must be dropped and created (CREATE OR REPLACE refuses its new
 * head), each of them that calls it (by name, so an overload of that name
 * counts too, as for views) is dropped before the routine and added again
 * after it; a table change that would drop, add or alter one while the
 * routine is gone is taken out of `tableOps` and done by those two instead,
 * and a dropped table or column no longer carries it (the downgrade adds it
 * back once the old routine is there again). A generated column cannot lose
 * its expression short of a table rewrite: unless the migration drops it or
 * its table (then before the routine), it is refused, naming it.
 *
 * @example
 * const items = table('items', { id: col.integer().primaryKey(), n: col.integer().default(sql`twice(2)`) })
 * const { detach, reattach } = routineDependents(['twice'], { tables: [items] }, { tables: [items] }, [], diffHooksFor('postgresql'))
 * // detach: ALTER COLUMN n DROP DEFAULT; reattach: ALTER COLUMN n SET DEFAULT twice(2)
 */
export function routineDependents(
  recreated: readonly string[],
  current: CallerSide,
  target: CallerSide,
  tableOps: readonly Operation[],
  hooks: Hooks,
): RoutineDependents {
  if (recreated.length === 0) return { detach: [], tableOps, reattach: [] }
  const calls = (sql: string | undefined) => sql !== undefined && namesMentioned(sql, recreated).length > 0
  const callsDefault = (value: DefaultValue | null | undefined) => value?.kind === 'expression' && calls(value.sql)
  const refuse = (table: string, column: Column): never =>
    refuseGenerated(table, column, namesMentioned(column.generated!.expression, recreated))
  const tkey = (t: { readonly name: string; readonly schema?: string | undefined }) =>
    tableKey(t.schema === undefined ? { name: t.name } : { name: t.name, schema: t.schema }, hooks)
  const refKey = (ref: { readonly table: string; readonly schema?: string }) => tkey({ name: ref.table, ...schemaOf(ref.schema) })
  const key = (ref: { readonly table: string; readonly schema?: string }, name: string) => `${refKey(ref)}.${hooks.nameKey(name)}`

  const detach: Operation[] = []
  const reattach: Operation[] = []
  // Generated columns that call it: refused, unless the migration drops them (or their table) anyway.
  const generated: Array<{ readonly table: Table; readonly column: Column }> = []
  const detached = {
    defaults: new Map<string, Column>(),
    checks: new Map<string, CheckConstraint>(),
    indexes: new Set<string>(),
    policies: new Set<string>(),
  }
  const done = new Set<string>()
  for (const table of current.tables) {
    const ref = refOf(table)
    for (const column of table.columns) {
      if (calls(column.generated?.expression)) generated.push({ table, column })
      if (!callsDefault(column.serverDefault)) continue
      detach.push({ kind: 'alter_column', ...ref, column: column.name, changes: { serverDefault: null }, existing: column })
      detached.defaults.set(key(ref, column.name), column)
    }
    for (const check of table.checkConstraints ?? []) {
      if (check.name === undefined || !calls(check.expression)) continue
      detach.push({ kind: 'drop_constraint', ...ref, name: check.name, type: 'check', existing: check })
      detached.checks.set(key(ref, check.name), check)
    }
    for (const index of table.indexes ?? []) {
      if (!indexCalls(index, calls)) continue
      detach.push({ kind: 'drop_index', ...ref, name: index.name, existing: index })
      detached.indexes.add(key(ref, index.name))
    }
    for (const policy of table.postgresql?.policies ?? []) {
      if (!policyCalls(policy, calls)) continue
      detach.push({ kind: 'drop_policy', ...ref, name: policy.name, existing: policy })
      detached.policies.add(key(ref, policy.name))
    }
  }
  const domains = domainDependents(current.domains ?? [], target.domains ?? [], calls, hooks)
  detach.push(...domains.detach)

  const later: Operation[] = []
  const kept: Operation[] = []
  const movedColumns = new Map<string, string[]>()
  const early: Operation[] = []
  // Detached indexes and checks the table changes rename, by their old key: their new names; policies apart, as a
  // policy may share its name with an index.
  const namedAnew = new Map<string, string>()
  const policiesNamedAnew = new Map<string, string>()
  // Taken off under its old name, it is put back under its new one: nothing is left to rename.
  const renameOrPutBackAnew = (
    op: Extract<Operation, { kind: 'rename_index' | 'rename_constraint' | 'rename_policy' }>,
    taken: { has(key: string): boolean },
    names: Map<string, string>,
  ) => {
    if (taken.has(key(op, op.name))) names.set(key(op, op.name), op.newName)
    else kept.push(op)
  }
  for (const op of tableOps) {
    // What the table changes do with a column added later comes later too.
    const moved = 'table' in op && op.kind !== 'create_table' ? movedColumns.get(refKey(op)) : undefined
    if (moved !== undefined && mentionsColumn(op, moved)) {
      later.push(op)
      continue
    }
    switch (op.kind) {
      case 'drop_index':
        if (!detached.indexes.has(key(op, op.name))) kept.push(op)
        continue
      case 'drop_policy':
        if (!detached.policies.has(key(op, op.name))) kept.push(op)
        continue
      case 'create_policy':
        done.add(key(op, op.policy.name))
        if (policyCalls(op.policy, calls)) later.push(op)
        else kept.push(op)
        continue
      case 'rename_index':
        renameOrPutBackAnew(op, detached.indexes, namedAnew)
        continue
      case 'rename_constraint':
        if (op.type === 'check') renameOrPutBackAnew(op, detached.checks, namedAnew)
        else kept.push(op)
        continue
      case 'rename_policy':
        renameOrPutBackAnew(op, detached.policies, policiesNamedAnew)
        continue
      case 'drop_constraint':
        if (op.type !== 'check' || !detached.checks.has(key(op, op.name))) kept.push(op)
        continue
      // Made by the table changes, before the routine is there when it need not be: not put back a second time.
      case 'create_index':
        done.add(key(op, op.index.name))
        if (indexCalls(op.index, calls)) later.push(op)
        else kept.push(op)
        continue
      case 'create_check_constraint':
        done.add(key(op, op.constraint.name ?? ''))
        if (calls(op.constraint.expression)) later.push(op)
        else kept.push(op)
        continue
      case 'alter_column': {
        const { serverDefault, ...rest } = op.changes
        const wasCalling = callsDefault(op.existing?.serverDefault)
        if (serverDefault === undefined || !(wasCalling || callsDefault(serverDefault))) {
          kept.push(op)
          continue
        }
        if (Object.keys(rest).length > 0) kept.push({ ...op, changes: rest })
        const column = op.changes.newName ?? op.column
        if (serverDefault !== null && op.existing !== undefined) {
          const before = wasCalling ? withoutDefault(op.existing) : op.existing
          later.push({
            kind: 'alter_column',
            table: op.table,
            ...schemaOf(op.schema),
            column,
            changes: { serverDefault },
            existing: before,
          })
        }
        done.add(key(op, column))
        continue
      }
      case 'add_column':
        // Added whole once the routine is there, so the rows it finds take the default (or the generated value) as they would.
        if (!callsDefault(op.column.serverDefault) && !calls(op.column.generated?.expression)) kept.push(op)
        else {
          later.push(op)
          done.add(key(op, op.column.name))
          movedColumns.set(refKey(op), [...(movedColumns.get(refKey(op)) ?? []), op.column.name])
        }
        continue
      case 'drop_column':
        kept.push(op)
        if (callsDefault(op.existing?.serverDefault) || calls(op.existing?.generated?.expression)) early.push(op)
        continue
      case 'drop_table':
        kept.push(op.existing === undefined ? op : { ...op, existing: notCalling(op.existing, calls).table })
        continue
      case 'create_table': {
        for (const column of op.table.columns) if (calls(column.generated?.expression)) refuse(op.table.name, column)
        const { table, taken } = notCalling(op.table, calls)
        kept.push({ ...op, table })
        later.push(...puttingBack(refOf(op.table), taken))
        continue
      }
      default:
        kept.push(...domains.adjust(op, later))
    }
  }

  // What was taken off and no table change put back: the models' definition, under its name after any rename.
  const renamed = renames(tableOps, refKey, key)
  for (const table of current.tables) {
    const finalName = renamed.tables.get(tkey(table)) ?? table.name
    const wanted = target.tables.find((t) => tkey(t) === tkey({ ...table, name: finalName }))
    if (wanted === undefined) continue
    const ref = refOf(wanted)
    for (const column of table.columns) {
      if (!detached.defaults.has(key(refOf(table), column.name))) continue
      const name = renamed.columns.get(key(ref, column.name)) ?? column.name
      const now = wanted.columns.find((c) => hooks.nameKey(c.name) === hooks.nameKey(name))
      if (now?.serverDefault !== undefined && !done.has(key(ref, now.name))) reattach.push(setDefault(ref, now))
    }
    for (const check of table.checkConstraints ?? []) {
      if (check.name === undefined || !detached.checks.has(key(refOf(table), check.name)) || done.has(key(ref, check.name))) continue
      const checkName = namedAnew.get(key(refOf(table), check.name)) ?? check.name
      const now =
        (wanted.checkConstraints ?? []).find((c) => c.name !== undefined && hooks.nameKey(c.name) === hooks.nameKey(checkName)) ??
        (wanted.checkConstraints ?? []).find(
          (c) => c.name === undefined && hooks.checkKey(c.expression) === hooks.checkKey(check.expression),
        )
      if (now !== undefined)
        reattach.push({ kind: 'create_check_constraint', ...ref, constraint: { name: checkName, expression: now.expression } })
    }
    for (const index of table.indexes ?? []) {
      if (!detached.indexes.has(key(refOf(table), index.name)) || done.has(key(ref, index.name))) continue
      const indexName = namedAnew.get(key(refOf(table), index.name)) ?? index.name
      const now = (wanted.indexes ?? []).find((i) => hooks.nameKey(i.name) === hooks.nameKey(indexName))
      if (now !== undefined) reattach.push({ kind: 'create_index', ...ref, index: now })
    }
    for (const policy of table.postgresql?.policies ?? []) {
      if (!detached.policies.has(key(refOf(table), policy.name)) || done.has(key(ref, policy.name))) continue
      const policyName = policiesNamedAnew.get(key(refOf(table), policy.name)) ?? policy.name
      const now = (wanted.postgresql?.policies ?? []).find((p) => hooks.nameKey(p.name) === hooks.nameKey(policyName))
      if (now !== undefined) reattach.push({ kind: 'create_policy', ...ref, policy: now })
    }
  }
  // A column dropped goes before the routine, and what the table changes drop with it before that: its downgrade adds it
  // back after the old routine is there, so the rows it finds take its default as they did.
  const first: Operation[] = []
  for (const { table, column } of generated) {
    const ref = refOf(table)
    if (early.some((op) => op.kind === 'drop_column' && key(op, op.column) === key(ref, column.name))) continue
    // A table dropped loses the column first; the downgrade makes the table without it and adds it after the old routine.
    const dropTable = kept.findIndex((op) => op.kind === 'drop_table' && refKey(op) === refKey(ref))
    const dropped = kept[dropTable]
    if (dropped?.kind !== 'drop_table') return refuse(table.name, column)
    // Its indexes and checks with it, each put back by the downgrade after the column.
    const indexes = (table.indexes ?? []).filter(
      (index) => !indexCalls(index, calls) && mentionsColumn({ kind: 'create_index', ...ref, index }, [column.name]),
    )
    const checks = (table.checkConstraints ?? []).filter(
      (c) =>
        c.name !== undefined &&
        !calls(c.expression) &&
        mentionsColumn({ kind: 'create_check_constraint', ...ref, constraint: c }, [column.name]),
    )
    for (const index of indexes) first.push({ kind: 'drop_index', ...ref, name: index.name, existing: index })
    for (const check of checks) first.push({ kind: 'drop_constraint', ...ref, name: check.name!, type: 'check', existing: check })
    first.push({ kind: 'drop_column', ...ref, column: column.name, existing: column })
    const existing = dropped.existing
    if (existing !== undefined) {
      const { indexes: _indexes, checkConstraints: _checks, ...bare } = existing
      const leftIndexes = (existing.indexes ?? []).filter((i) => !indexes.some((x) => x.name === i.name))
      const leftChecks = (existing.checkConstraints ?? []).filter((c) => !checks.some((x) => x.name === c.name))
      kept[dropTable] = {
        ...dropped,
        existing: {
          ...bare,
          ...(leftIndexes.length === 0 ? {} : { indexes: leftIndexes }),
          ...(leftChecks.length === 0 ? {} : { checkConstraints: leftChecks }),
        },
      }
    }
  }
  for (const drop of early) {
    if (drop.kind !== 'drop_column') continue
    const at = kept.indexOf(drop)
    const along = kept
      .slice(0, at)
      .filter((op) => 'table' in op && op.kind !== 'create_table' && refKey(op) === refKey(drop) && mentionsColumn(op, [drop.column]))
    for (const op of [...along, drop]) kept.splice(kept.indexOf(op), 1)
    first.push(...along, drop)
    const undone = detach.findIndex((op) => op.kind === 'alter_column' && key(op, op.column) === key(drop, drop.column))
    if (undone >= 0) detach.splice(undone, 1)
  }
  return { detach: [...detach, ...first], tableOps: kept, reattach: [...later, ...reattach, ...domains.reattach()] }
}

/** Whether a change of a table's columns, indexes or constraints is about one of `columns`. */
function mentionsColumn(op: Operation, columns: readonly string[]): boolean {
  const named = (names: readonly string[] | undefined) =>
    (names ?? []).some((n) => columns.some((c) => c.toLowerCase() === n.toLowerCase()))
  const inSql = (sql: string | undefined) => sql !== undefined && namesMentioned(sql, columns).length > 0
  switch (op.kind) {
    case 'alter_column':
    case 'drop_column':
      return named([op.column])
    case 'create_index':
      return named(op.index.columns) || op.index.columns.some(inSql) || inSql(op.index.where) || named(op.index.include)
    case 'drop_index':
      return op.existing !== undefined && mentionsColumn({ kind: 'create_index', table: op.table, index: op.existing }, columns)
    case 'create_check_constraint':
      return inSql(op.constraint.expression)
    case 'create_unique_constraint':
    case 'create_foreign_key':
      return named(op.constraint.columns)
    case 'drop_constraint':
      return op.existing !== undefined && ('expression' in op.existing ? inSql(op.existing.expression) : named(op.existing.columns))
    default:
      return false
  }
}

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/** {@link tableNotCalling}, refusing an unnamed check: a check put back after a routine made again is matched by its name. */
function notCalling(table: Table, calls: (sql: string | undefined) => boolean): ReturnType<typeof tableNotCalling> {
  const found = tableNotCalling(table, calls)
  const unnamed = found.taken.checks.find((c) => c.name === undefined)
  if (unnamed !== undefined) {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `table "${table.name}" is created with an unnamed check (${unnamed.expression}) that calls a routine this migration drops ` +
        'and creates: name the check, so it can be added once the routine is there',
    )
  }
  return found
}

function refuseGenerated(table: string, column: Column, routines: readonly string[]): never {
  const routine = routines[0] ?? ''
  throw new AthanorError(
    'UNSUPPORTED_OPERATION',
    `routine "${routine}" must be dropped and created (CREATE OR REPLACE cannot change its head), but generated column ` +
      `${table}.${column.name} calls it, and its expression cannot be taken off without rewriting the table: keep the ` +
      `routine's argument names, defaults and return type, or drop the column in one migration and add it back in the next`,
  )
}

/** The renames among the table changes: table key to its new name, and a column (under its table's new name) to its new one. */
function renames(
  ops: readonly Operation[],
  refKey: (table: { readonly table: string; readonly schema?: string }) => string,
  key: (table: { readonly table: string; readonly schema?: string }, name: string) => string,
): { tables: Map<string, string>; columns: Map<string, string> } {
  const tables = new Map<string, string>()
  const columns = new Map<string, string>()
  for (const op of ops) {
    if (op.kind === 'rename_table') tables.set(refKey(op), op.newName)
    if (op.kind === 'alter_column' && op.changes.newName !== undefined) columns.set(key(op, op.column), op.changes.newName)
  }
  return { tables, columns }
}
