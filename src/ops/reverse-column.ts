import { fullIdentityValues, serialSequenceType, withoutSequenceDefaults } from '../schema/sequence-defaults.js'
import type { Column, SequenceValues } from '../schema/types.js'
import type { ColumnChanges, IdentityChanges } from './operation.js'

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
  const { serverDefault: _default, comment: _comment, collation: _collation, invisible: _invisible, srid: _srid, ...rest } = existing
  const serverDefault = changes.serverDefault === undefined ? existing.serverDefault : (changes.serverDefault ?? undefined)
  const invisible = changes.invisible ?? existing.invisible
  const srid = changes.srid === undefined ? existing.srid : (changes.srid ?? undefined)
  const comment = changes.comment === undefined ? existing.comment : (changes.comment ?? undefined)
  const collation = changes.collation === undefined ? existing.collation : (changes.collation ?? undefined)
  const { autoincrement: _autoincrement, numbering: _numbering, ...unnumbered } = rest
  return {
    ...(changes.numbering === null ? unnumbered : rest),
    name: changes.newName ?? existing.name,
    type: changes.type ?? existing.type,
    nullable: changes.nullable ?? (existing.primaryKey === true ? false : (existing.nullable ?? true)),
    ...(serverDefault === undefined ? {} : { serverDefault }),
    ...(comment === undefined ? {} : { comment }),
    ...(collation === undefined ? {} : { collation }),
    ...(invisible === true ? { invisible } : {}),
    ...(srid === undefined ? {} : { srid }),
    ...(changes.identity === undefined ? {} : { numbering: identityAfter(existing, changes.identity) }),
    ...numberedAs(changes.numbering),
  }
}

/** The column's autoincrement and numbering once a new `numbering` has changed them (`null` leaves them out above). */
function numberedAs(numbering: ColumnChanges['numbering']): Pick<Column, 'autoincrement' | 'numbering'> {
  return numbering === undefined || numbering === null ? {} : { autoincrement: true, numbering }
}

/**
 * The column's identity options before `changes`, for the keys they change
 * (PostgreSQL's defaults where it had none): what undoes them.
 *
 * @example
 * const was: Column = { name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering: { kind: 'identity', cache: 10 } }
 * identityBefore(was, { cache: 1, maxValue: 99 }) // { cache: 10, maxValue: null }
 */
export function identityBefore(existing: Column, changes: IdentityChanges): IdentityChanges {
  const numbering = existing.numbering?.kind === 'identity' ? existing.numbering : { kind: 'identity' as const }
  const before = fullIdentityValues({ ...existing, autoincrement: true, numbering })!
  // A restart is undone by another: turning back, the sequence is outside its old bounds too.
  return Object.fromEntries(
    Object.keys(changes).map((key) => [key, key === 'restart' ? changes.restart : before[key as keyof typeof before]]),
  )
}

/** The identity after `changes`, options at PostgreSQL's defaults left out as introspection leaves them. */
function identityAfter(existing: Column, changes: IdentityChanges): Column['numbering'] {
  const was = existing.numbering?.kind === 'identity' ? existing.numbering : { kind: 'identity' as const }
  const always = changes.always ?? was.always === true
  const { kind: _kind, always: _always, restart: _restart, ...merged } = { ...was, ...changes }
  // A bound set back to `null` is its default, which introspection leaves out.
  const values: SequenceValues = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null && value !== undefined))
  return { kind: 'identity', ...(always ? { always } : {}), ...withoutSequenceDefaults(values, serialSequenceType(existing)) }
}
