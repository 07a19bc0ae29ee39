import { AthanorError } from '../core/errors.js'
import type { ColumnPlace } from './operation.js'

/**
 * The place an operation or option gives, `undefined` for none; both
 * `first` and `after` is an error, as no column goes two places.
 *
 * @example
 * columnPlace({ after: 'name' }) // { after: 'name' }
 * columnPlace({}) // undefined
 */
export function columnPlace(given: ColumnPlace, what = 'a column'): ColumnPlace | undefined {
  if (given.first === true && given.after !== undefined) {
    throw new AthanorError('INVALID_ARGUMENT', `${what} goes either first or after "${given.after}", not both`)
  }
  if (given.first === true) return { first: true }
  return given.after === undefined ? undefined : { after: given.after }
}
