import type { IdentityChanges } from '../ops/operation.js'
import { fullIdentityValues, RESTATED_ON_TURN, turnsDirection } from '../schema/sequence-defaults.js'
import type { Column, Numbering } from '../schema/types.js'

const KEYS = ['always', 'start', 'increment', 'minValue', 'maxValue', 'cache', 'cycle'] as const

/**
 * The identity options that differ between the database's column and the
 * model's, or undefined. Only a column the database reports as an identity
 * compares (PostgreSQL): MySQL's and SQLite's autoincrement columns have no
 * such options, and a model's `autoincrement()` without `identity()` means
 * BY DEFAULT from 1 by 1, as it is created. A bound back at its default is
 * `null` (NO MINVALUE). One that turns to count the other way restarts.
 *
 * @example
 * const was: Column = { name: 'id', type: { kind: 'bigint' }, autoincrement: true, numbering: { kind: 'identity' } }
 * identityChanges(was, { ...was, numbering: { kind: 'identity', always: true, start: 1000 } }) // { always: true, start: 1000 }
 * identityChanges(was, { ...was, numbering: { kind: 'identity', maxValue: 999, cycle: true } }) // { maxValue: 999, cycle: true }
 */
export function identityChanges(was: Column, wanted: Column): IdentityChanges | undefined {
  if (was.numbering?.kind !== 'identity') return undefined
  const from = fullIdentityValues(was)
  const to = fullIdentityValues(wanted)
  if (from === undefined || to === undefined) return undefined
  const turns = turnsDirection(from.increment, to.increment)
  const changes = Object.fromEntries(
    KEYS.filter((k) => String(from[k]) !== String(to[k]) || (turns && RESTATED_ON_TURN.has(k))).map((k) => [k, to[k]]),
  )
  if (Object.keys(changes).length === 0) return undefined
  return turns ? { ...changes, restart: true } : changes
}

/** How a column is numbered: not at all, by an identity, or from a SERIAL sequence. */
const numberingKind = (column: Column): 'none' | Numbering['kind'] =>
  column.autoincrement !== true ? 'none' : (column.numbering?.kind ?? 'identity')

/**
 * The column's new numbering when it changes kind (none, identity, SERIAL),
 * `null` when it stops being numbered, or undefined when the kind stays:
 * options within a kind are `identityChanges` and the sequence's own alters.
 *
 * @example
 * const id: Column = { name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering: { kind: 'serial', sequence: 't_id_seq' } }
 * numberingChange(id, { ...id, numbering: { kind: 'identity' } }) // { kind: 'identity' }
 * numberingChange(id, { name: 'id', type: { kind: 'integer' } }) // null
 */
export function numberingChange(was: Column, wanted: Column): Numbering | null | undefined {
  if (numberingKind(was) === numberingKind(wanted)) return undefined
  return wanted.autoincrement === true ? (wanted.numbering ?? { kind: 'identity' }) : null
}
