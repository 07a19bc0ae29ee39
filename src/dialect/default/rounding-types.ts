import type { ColumnType } from '../../schema/types.js'

/**
 * The digits a database gives a type that does not say them: the decimal
 * places of a NUMERIC with no precision (`Infinity` where it keeps any
 * number, as PostgreSQL's does), and the fractional-second digits of a TIME
 * and a timestamp with no precision.
 */
export interface DefaultDigits {
  readonly unconstrainedScale: number
  /** The precision of a NUMERIC that says none, where the database gives it one (MySQL's 10); absent, any number of digits. */
  readonly defaultPrecision?: number
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
 * A float's significant decimal digits (C's FLT_DIG and DBL_DIG, as
 * PostgreSQL's REAL and DOUBLE PRECISION and MySQL's FLOAT and DOUBLE are
 * IEEE single and double), and the largest integers it holds exactly (2^24,
 * 2^53), as bits.
 */
const FLOATS = { real: { digits: 6, bits: 24 }, double: { digits: 15, bits: 53 } } as const

/** The bits of an integer type's largest value (a signed one's sign not counted). */
const INTEGER_BITS: Readonly<Record<string, number>> = { tinyint: 7, smallint: 15, mediumint: 23, integer: 31, bigint: 63 }

/**
 * The significant digits a change to a REAL or DOUBLE takes from the values
 * a column holds, which the database rounds to the float's nearest without
 * an error: from a DOUBLE to a REAL (1.23456789012345 to 1.2345679), from
 * an integer type larger than the float holds exactly (123456789 to
 * 123456792 in a REAL), from a NUMERIC of more digits than the float keeps.
 * Undefined for a change to another type, or one the float holds.
 */
function roundedSignificant(from: ColumnType, to: ColumnType, defaults: DefaultDigits): string | undefined {
  if (to.kind !== 'real' && to.kind !== 'double') return undefined
  const float = FLOATS[to.kind]
  const bits = INTEGER_BITS[from.kind]
  if (bits !== undefined) {
    const all = bits + ('unsigned' in from && from.unsigned === true ? 1 : 0)
    return all > float.bits ? `${Math.ceil(all * Math.log10(2))} significant digits to ${float.digits}` : undefined
  }
  const digits =
    from.kind === 'real' || from.kind === 'double'
      ? FLOATS[from.kind].digits
      : from.kind === 'numeric'
        ? (from.precision ?? defaults.defaultPrecision ?? Number.POSITIVE_INFINITY)
        : undefined
  return digits !== undefined && digits > float.digits ? `${places(digits)} significant digits to ${float.digits}` : undefined
}

/**
 * What a date and time made a DATE or a TIME loses: the time of day, or the
 * date. PostgreSQL and MariaDB cut it without an error (MariaDB, strict or
 * not, with note 1265 "Data truncated").
 */
function cutDateTime(from: ColumnType, to: ColumnType): string | undefined {
  if (from.kind !== 'timestamp') return undefined
  if (to.kind === 'date') return 'a date and time to a date'
  return to.kind === 'time' ? 'a date and time to a time of day' : undefined
}

/**
 * The digits a type change takes from the values a column holds, where the
 * database rounds (or cuts) them to fit without an error, strict mode or
 * not: fewer decimal places (a NUMERIC's scale, or an integer type, from
 * a NUMERIC or a REAL or DOUBLE), fewer significant digits (a REAL or
 * DOUBLE from a wider float, integer or NUMERIC), fewer fractional-second
 * digits of a TIME or a timestamp, a timestamp's time of day or date (made
 * a DATE or a TIME). Undefined for any other change, a widening included,
 * and for a type athanor does not know (`raw`), which it cannot judge.
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
    return toPlaces < fromPlaces ? `${places(fromPlaces)} decimal places to ${toPlaces}` : roundedSignificant(from, to, defaults)
  }
  const cut = cutDateTime(from, to)
  if (cut !== undefined) return cut
  if ((from.kind !== 'time' || to.kind !== 'time') && (from.kind !== 'timestamp' || to.kind !== 'timestamp')) return undefined
  const fallback = from.kind === 'time' ? defaults.time : defaults.timestamp
  const [fromDigits, toDigits] = [from.precision ?? fallback, to.precision ?? fallback]
  return toDigits < fromDigits ? `${fromDigits} fractional-second digits to ${toDigits}` : undefined
}
