/**
 * A PostgreSQL range type (`CREATE TYPE floatrange AS RANGE (subtype =
 * float8)`): ranges of its subtype, with the options that order and
 * measure them. An option left out is PostgreSQL's default: the subtype's
 * default btree operator class, its collation, no canonical or subtype_diff
 * function, and the multirange named after the range (`floatmultirange`,
 * see {@link defaultMultirangeName}). Functions and the operator class are
 * SQL names, written as given.
 *
 * @example
 * const floatrange: RangeType = { name: 'floatrange', subtype: 'float8', subtypeDiff: 'float8mi' }
 */
export interface RangeType {
  readonly name: string
  readonly schema?: string
  readonly subtype: string
  readonly subtypeOpclass?: string
  readonly collation?: string
  readonly canonical?: string
  readonly subtypeDiff?: string
  /** The multirange type made with it (PostgreSQL 14 and later), in the range's schema. */
  readonly multirangeTypeName?: string
}

/**
 * The multirange PostgreSQL names for a range when `multirange_type_name`
 * is not given: `range` in its name (the first) becomes `multirange`, else
 * `_multirange` is appended (https://www.postgresql.org/docs/current/sql-createtype.html).
 *
 * @example
 * defaultMultirangeName('floatrange') // 'floatmultirange'
 * defaultMultirangeName('span') // 'span_multirange'
 */
export function defaultMultirangeName(range: string): string {
  const at = range.indexOf('range')
  return at < 0 ? `${range}_multirange` : `${range.slice(0, at)}multi${range.slice(at)}`
}

/**
 * The name of a range type's multirange, given or PostgreSQL's default.
 *
 * @example
 * multirangeNameOf({ name: 'floatrange', subtype: 'float8' }) // 'floatmultirange'
 */
export const multirangeNameOf = (type: RangeType): string => type.multirangeTypeName ?? defaultMultirangeName(type.name)
