import type { Operation } from '../ops/operation.js'
import type { Policy } from '../schema/policy.js'
import type { CheckConstraint, Column, Index, Table } from '../schema/types.js'

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/** What calls a routine on a table, taken off it. */
export interface TakenOff {
  readonly defaults: readonly Column[]
  readonly checks: readonly CheckConstraint[]
  readonly indexes: readonly Index[]
  readonly policies: readonly Policy[]
}

/** Whether a policy's conditions call one of the routines. */
export function policyCalls(policy: Policy, calls: (sql: string | undefined) => boolean): boolean {
  return calls(policy.using) || calls(policy.withCheck)
}

/** The column without its default. */
export function withoutDefault(column: Column): Column {
  const { serverDefault: _default, ...rest } = column
  return rest
}

/** The alter that gives a column its default again, made without it. */
export function setDefault(ref: { readonly table: string; readonly schema?: string }, column: Column): Operation {
  const { serverDefault } = column
  return {
    kind: 'alter_column',
    table: ref.table,
    ...schemaOf(ref.schema),
    column: column.name,
    changes: { serverDefault: serverDefault ?? null },
    existing: withoutDefault(column),
  }
}

/** Whether an index's expressions or predicate call one of the routines. */
export function indexCalls(index: Index, calls: (sql: string | undefined) => boolean): boolean {
  return (index.expressions === true && index.columns.some((c) => calls(c))) || calls(index.where)
}

/**
 * A table without the defaults, checks, indexes, policies and generated
 * columns that call a routine (`calls` says which SQL does), and those it
 * was without.
 *
 * @example
 * const items: Table = { name: 'items', columns: [{ name: 'n', type: { kind: 'integer' } }], checkConstraints: [{ expression: 'ok(n)' }] }
 * tableNotCalling(items, (sql) => sql?.includes('ok(') === true).taken.checks // [{ expression: 'ok(n)' }]
 */
export function tableNotCalling(table: Table, calls: (sql: string | undefined) => boolean): { table: Table; taken: TakenOff } {
  const defaults = table.columns.filter((c) => c.serverDefault?.kind === 'expression' && calls(c.serverDefault.sql))
  const generated = table.columns.filter((c) => calls(c.generated?.expression))
  const checks = (table.checkConstraints ?? []).filter((c) => calls(c.expression))
  const indexes = (table.indexes ?? []).filter((i) => indexCalls(i, calls))
  const policies = (table.postgresql?.policies ?? []).filter((p) => policyCalls(p, calls))
  const stripped: Table = {
    ...table,
    columns: table.columns.filter((c) => !generated.includes(c)).map((c) => (defaults.includes(c) ? withoutDefault(c) : c)),
    ...(table.checkConstraints === undefined ? {} : { checkConstraints: table.checkConstraints.filter((c) => !checks.includes(c)) }),
    ...(table.indexes === undefined ? {} : { indexes: table.indexes.filter((i) => !indexes.includes(i)) }),
    ...(policies.length === 0
      ? {}
      : { postgresql: { ...table.postgresql, policies: table.postgresql!.policies!.filter((p) => !policies.includes(p)) } }),
  }
  return { table: stripped, taken: { defaults, checks, indexes, policies } }
}

/**
 * The operations that put back on a table made without them what
 * {@link tableNotCalling} took off: its defaults, checks, indexes and policies.
 *
 * @example
 * puttingBack({ table: 'items' }, { defaults: [], checks: [{ expression: 'ok(n)' }], indexes: [], policies: [] })
 * // [{ kind: 'create_check_constraint', table: 'items', constraint: { expression: 'ok(n)' } }]
 */
export function puttingBack(ref: { readonly table: string; readonly schema?: string }, taken: TakenOff): Operation[] {
  return [
    ...taken.defaults.map((column) => setDefault(ref, column)),
    ...taken.checks.map((constraint): Operation => ({ kind: 'create_check_constraint', ...ref, constraint })),
    ...taken.indexes.map((index): Operation => ({ kind: 'create_index', ...ref, index })),
    ...taken.policies.map((policy): Operation => ({ kind: 'create_policy', ...ref, policy })),
  ]
}

/**
 * The operations that take off a table what {@link tableNotCalling} found
 * calling a routine, each remembering what it was for the way back.
 *
 * @example
 * takingOff({ table: 'items' }, { defaults: [], checks: [{ name: 'ck_ok', expression: 'ok(n)' }], indexes: [], policies: [] })
 * // [{ kind: 'drop_constraint', table: 'items', name: 'ck_ok', type: 'check', existing: { name: 'ck_ok', expression: 'ok(n)' } }]
 */
export function takingOff(ref: { readonly table: string; readonly schema?: string }, taken: TakenOff): Operation[] {
  return [
    ...taken.defaults.map(
      (column): Operation => ({ kind: 'alter_column', ...ref, column: column.name, changes: { serverDefault: null }, existing: column }),
    ),
    ...taken.checks.map(
      (check): Operation => ({
        kind: 'drop_constraint',
        ...ref,
        ...(check.name === undefined ? { name: '', expression: check.expression } : { name: check.name }),
        type: 'check',
        existing: check,
      }),
    ),
    ...taken.indexes.map((index): Operation => ({ kind: 'drop_index', ...ref, name: index.name, existing: index })),
    ...taken.policies.map((policy): Operation => ({ kind: 'drop_policy', ...ref, name: policy.name, existing: policy })),
  ]
}
