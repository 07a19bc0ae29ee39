import type { Column } from '../schema/types.js'
import type { ColumnChanges } from './operation.js'

/**
 * The column after an alter: `existing` with `changes` applied, named
 * `changes.newName` when renamed. A `null` default or comment removes it; a
 * primary-key column stays NOT NULL.
 *
 * @example
 * applyColumnChanges({ name: 'a', type: { kind: 'text' } }, { nullable: false, newName: 'b' })
 * // { name: 'b', type: { kind: 'text' }, nullable: false }
 */
export function applyColumnChanges(existing: Column, changes: ColumnChanges): Column {
  const { serverDefault: _default, comment: _comment, collation: _collation, ...rest } = existing
  const serverDefault = changes.serverDefault === undefined ? existing.serverDefault : (changes.serverDefault ?? undefined)
  const comment = changes.comment === undefined ? existing.comment : (changes.comment ?? undefined)
  const collation = changes.collation === undefined ? existing.collation : (changes.collation ?? undefined)
  return {
    ...rest,
    name: changes.newName ?? existing.name,
    type: changes.type ?? existing.type,
    nullable: changes.nullable ?? (existing.primaryKey === true ? false : (existing.nullable ?? true)),
    ...(serverDefault === undefined ? {} : { serverDefault }),
    ...(comment === undefined ? {} : { comment }),
    ...(collation === undefined ? {} : { collation }),
  }
}
