import type { ColumnType } from '../../schema/types.js'
import { roundedDigits } from '../default/rounding-types.js'

/**
 * See roundedDigits: a NUMERIC with no precision keeps any number of
 * decimal places, and a time or timestamp with none keeps 6 digits of a
 * second. PostgreSQL rounds both to the new type.
 *
 * @example
 * postgresRoundedDigits({ kind: 'numeric' }, { kind: 'numeric', precision: 12, scale: 2 }) // 'any number of decimal places to 2'
 */
export function postgresRoundedDigits(from: ColumnType, to: ColumnType): string | undefined {
  return roundedDigits(from, to, { unconstrainedScale: Number.POSITIVE_INFINITY, time: 6, timestamp: 6 })
}
