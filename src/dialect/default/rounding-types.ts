import type { ColumnType } from '../../schema/types.js'

/**
 * The digits a database gives a type that does not say them: the decimal
 * places of a NUMERIC with no precision (`Infinity` where it keeps any
 * number, as PostgreSQL's does), and the fractional-second digits of a TIME
 * and a timestamp with no precision.
 */
export interface DefaultDigits {
  readonly unconstrainedScale: number
  readonly time: number
  readonly timestamp: number
}

const INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint'])

/**
 * The decimal places a numeric, integer or floating-point type keeps, or
 * undefined for another kind. A REAL or DOUBLE keeps any number, as far as
 * a narrowing goes: made an integer or a DECIMAL, its values are rounded
 * (2.75 to 3), and made one from them, none is.
 */
function decimalPlaces(type: ColumnType, defaults: DefaultDigits): number | undefined {
  if (INTEGERS.has(type.kind)) return 0
  if (type.kind === 'real' || type.kind === 'double') return Number.POSITIVE_INFINITY
  if (type.kind !== 'numeric') return undefined
  return type.scale ?? (type.precision === undefined ? defaults.unconstrainedScale : 0)
}

const places = (digits: number) => (digits === Number.POSITIVE_INFINITY ? 'any number of' : String(digits))

/**
 * The digits a type change takes from the values a column holds, where the
 * database rounds (or cuts) them to fit without an error, strict mode or
 * not: fewer decimal places (a NUMERIC's scale, or an integer type, from
 * a NUMERIC or a REAL or DOUBLE), fewer fractional-second digits of a TIME
 * or a timestamp. Undefined for any other change, a widening included.
 *
 * @example
 * const postgresql: DefaultDigits = { unconstrainedScale: Number.POSITIVE_INFINITY, time: 6, timestamp: 6 }
 * roundedDigits({ kind: 'numeric', precision: 10, scale: 3 }, { kind: 'numeric', precision: 10, scale: 2 }, postgresql)
 * // '3 decimal places to 2'
 * roundedDigits({ kind: 'timestamp' }, { kind: 'timestamp', precision: 0 }, postgresql) // '6 fractional-second digits to 0'
 */
export function roundedDigits(from: ColumnType, to: ColumnType, defaults: DefaultDigits): string | undefined {
  const [fromPlaces, toPlaces] = [decimalPlaces(from, defaults), decimalPlaces(to, defaults)]
  if (fromPlaces !== undefined && toPlaces !== undefined) {
    return toPlaces < fromPlaces ? `${places(fromPlaces)} decimal places to ${toPlaces}` : undefined
  }
  if ((from.kind !== 'time' || to.kind !== 'time') && (from.kind !== 'timestamp' || to.kind !== 'timestamp')) return undefined
  const fallback = from.kind === 'time' ? defaults.time : defaults.timestamp
  const [fromDigits, toDigits] = [from.precision ?? fallback, to.precision ?? fallback]
  return toDigits < fromDigits ? `${fromDigits} fractional-second digits to ${toDigits}` : undefined
}
