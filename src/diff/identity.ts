import type { IdentityChanges } from '../ops/operation.js'
import type { Column } from '../schema/types.js'

/** An identity's options with PostgreSQL's defaults filled in; undefined for a column that is not an identity. */
function identityOf(column: Column): Required<IdentityChanges> | undefined {
  if (column.autoincrement !== true) return undefined
  const numbering = column.numbering ?? { kind: 'identity' as const }
  if (numbering.kind !== 'identity') return undefined
  return { always: numbering.always === true, start: numbering.start ?? 1, increment: numbering.increment ?? 1 }
}

/**
 * The identity options that differ between the database's column and the
 * model's, or undefined. Only a column the database reports as an identity
 * compares (PostgreSQL): MySQL's and SQLite's autoincrement columns have no
 * such options, and a model's `autoincrement()` without `identity()` means
 * BY DEFAULT from 1 by 1, as it is created.
 *
 * @example
 * const was: Column = { name: 'id', type: { kind: 'bigint' }, autoincrement: true, numbering: { kind: 'identity' } }
 * identityChanges(was, { ...was, numbering: { kind: 'identity', always: true, start: 1000 } }) // { always: true, start: 1000 }
 */
export function identityChanges(was: Column, wanted: Column): IdentityChanges | undefined {
  if (was.numbering?.kind !== 'identity') return undefined
  const from = identityOf(was)
  const to = identityOf(wanted)
  if (from === undefined || to === undefined) return undefined
  const changes = Object.fromEntries((['always', 'start', 'increment'] as const).filter((k) => from[k] !== to[k]).map((k) => [k, to[k]]))
  return Object.keys(changes).length === 0 ? undefined : changes
}
