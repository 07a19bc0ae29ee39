import type { ColumnType } from '../../schema/types.js'
import { type DefaultDigits, roundedDigits } from '../default/rounding-types.js'
import { plainDigits } from '../default/digit-spellings.js'

/** The digits PostgreSQL gives a NUMERIC, TIME and timestamp that do not say them. */
const DIGITS: DefaultDigits = { unconstrainedScale: Number.POSITIVE_INFINITY, time: 6, timestamp: 6 }

/**
 * See roundedDigits: a NUMERIC with no precision keeps any number of
 * decimal places, and a time or timestamp with none keeps 6 digits of a
 * second. PostgreSQL rounds both to the new type.
 *
 * @example
 * postgresRoundedDigits({ kind: 'numeric' }, { kind: 'numeric', precision: 12, scale: 2 }) // 'any number of decimal places to 2'
 */
export function postgresRoundedDigits(from: ColumnType, to: ColumnType): string | undefined {
  return roundedDigits(from, to, DIGITS)
}

/**
 * See plainDigits: NUMERIC(10) is NUMERIC(10,0), TIME(6) and TIMESTAMP(6) are TIME and TIMESTAMP.
 *
 * @example
 * postgresPlainDigits({ kind: 'time', precision: 6 }) // { kind: 'time' }
 */
export const postgresPlainDigits = (type: ColumnType): ColumnType => plainDigits(type, DIGITS)
