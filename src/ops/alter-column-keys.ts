import { AthanorError } from '../core/errors.js'
import { unknownKeys } from '../core/unknown-keys.js'
import type { AlterColumnInput } from './inputs.js'

/** Every key `alterColumn` reads; a key of AlterColumnInput missing here does not compile. */
const KNOWN: Readonly<Record<keyof AlterColumnInput, true>> = {
  type: true,
  nullable: true,
  serverDefault: true,
  newName: true,
  comment: true,
  collation: true,
  schema: true,
  existing: true,
  using: true,
  identity: true,
  numbering: true,
  invisible: true,
  srid: true,
  safe: true,
  algorithm: true,
  lock: true,
}

/**
 * Refuses a key `alterColumn` does not read, on every dialect and before
 * the operation runs: the changes are spread into the operation as given,
 * so a typo (`nullabel: false`) would change nothing, silently, on a
 * dialect whose compiler only looks for the keys it knows. `via` is the
 * call's receiver: `op`, or a batch's `batch`.
 *
 * @example
 * refuseUnknownAlterKeys({ nullable: false }, 'users', 'email') // passes
 * refuseUnknownAlterKeys({ nullabel: false }, 'users', 'email')
 * // throws INVALID_ARGUMENT: op.alterColumn on table "users", column "email": unknown option 'nullabel' (did you mean 'nullable'?); …
 */
export function refuseUnknownAlterKeys(input: object, table: string, column: string, via: 'op' | 'batch' = 'op'): void {
  const unknown = unknownKeys(Object.keys(input), Object.keys(KNOWN), 'option')
  if (unknown === undefined) return
  throw new AthanorError('INVALID_ARGUMENT', `${via}.alterColumn on table "${table}", column "${column}": ${unknown}`)
}
