import type { DiffHooks } from '../dialect/diff-hooks.js'
import { namesMentioned } from '../dialect/view-support.js'
import type { Operation } from '../ops/operation.js'
import type { ColumnType, Table } from '../schema/types.js'
import { refOf } from './keys.js'

/**
 * Kinds whose values compare with each other's: a change among them keeps an
 * expression's operators (PostgreSQL has them across the integers, casts
 * implicitly among the numbers and from varchar to text).
 */
const FAMILIES: Readonly<Record<string, string>> = {
  tinyint: 'integer',
  smallint: 'integer',
  mediumint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  numeric: 'number',
  real: 'number',
  double: 'number',
  string: 'text',
  text: 'text',
}

/**
 * The family of a type. A type of its own name (an enum type, a domain, an
 * extension's type, an array) is a family by itself, whatever its modifiers:
 * two enum types with the same labels share no operator (`'done'::status`
 * does not compare with a `task_status`), nor do `integer[]` and `bigint[]`.
 * JSON lacks most of JSONB's operators (`?`, `@>`).
 */
function family(type: ColumnType, hooks: DiffHooks): string {
  if (type.kind === 'raw') return `raw ${hooks.typeKey({ name: '', type }).replace(/\([^)]*\)/g, '')}`
  if (type.kind === 'enum') return `enum ${type.name ?? ''}`
  if (type.kind === 'json') return type.binary === true ? 'jsonb' : 'json'
  return FAMILIES[type.kind] ?? type.kind
}

/**
 * The table's constraint changes with, where the database keeps each
 * expression typed (PostgreSQL, DiffHooks.readersHoldColumnTypes), the
 * checks and the partial or expression indexes that read a column moving to
 * another family of types (text to an enum, an enum to another, an integer
 * to text) dropped before the change and made again after: PostgreSQL
 * rewrites them for the new type and stops at an operator it lacks
 * (`job_state = text`); such a change nearly always rewrites the table,
 * rebuilding its indexes and checking its checks anyway. A change within a
 * family (integer to bigint, varchar to text), which may keep the indexes as
 * they are, leaves them be, as it does a plain index and a check that does
 * not read the column.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const was: Table
 * declare const wanted: Table
 * declare const alters: Operation[]
 * const { drop, create } = readersOverRecast(was, wanted, alters, { drop: [], create: [] }, diffHooksFor('postgresql'))
 */
export function readersOverRecast(
  was: Table,
  wanted: Table,
  alters: readonly Operation[],
  changes: { readonly drop: readonly Operation[]; readonly create: readonly Operation[] },
  hooks: DiffHooks,
): { drop: Operation[]; create: Operation[] } {
  const drop = [...changes.drop]
  const create = [...changes.create]
  if (!hooks.readersHoldColumnTypes) return { drop, create }
  const recast = alters.flatMap((op) => {
    if (op.kind !== 'alter_column' || op.changes.type === undefined || op.existing === undefined) return []
    return family(op.existing.type, hooks) === family(op.changes.type, hooks) ? [] : [op.column]
  })
  if (recast.length === 0) return { drop, create }
  const reads = (text: string | undefined) => text !== undefined && namesMentioned(text, recast).length > 0
  const key = (name: string) => hooks.nameKey(name)
  const touched = new Set(
    [...drop, ...create].flatMap((op) => {
      if (op.kind === 'drop_constraint' || op.kind === 'drop_index') return [key(op.name)]
      if (op.kind === 'create_check_constraint') return op.constraint.name === undefined ? [] : [key(op.constraint.name)]
      return op.kind === 'create_index' ? [key(op.index.name)] : []
    }),
  )
  const ref = refOf(wanted)
  for (const check of was.checkConstraints ?? []) {
    if (check.name === undefined || touched.has(key(check.name)) || !reads(check.expression)) continue
    const again = (wanted.checkConstraints ?? []).find((c) => c.name !== undefined && key(c.name) === key(check.name!))
    if (again === undefined) continue
    drop.push({ kind: 'drop_constraint', ...ref, name: check.name, type: 'check', existing: check })
    create.push({ kind: 'create_check_constraint', ...ref, constraint: again })
  }
  for (const index of was.indexes ?? []) {
    const expressions = index.expressions === true ? index.columns.join(', ') : undefined
    if (touched.has(key(index.name)) || !(reads(index.where) || reads(expressions))) continue
    const again = (wanted.indexes ?? []).find((i) => key(i.name) === key(index.name))
    if (again === undefined) continue
    drop.push({ kind: 'drop_index', ...ref, name: index.name, existing: index })
    create.push({ kind: 'create_index', ...ref, index: again })
  }
  return { drop, create }
}
