import type { ColumnType } from '../../schema/types.js'
import { roundedDigits } from '../default/rounding-types.js'

/**
 * See roundedDigits: a DECIMAL with no precision is DECIMAL(10,0), a TIME
 * with none TIME(0), and a timestamp with none DATETIME(6), as athanor
 * writes it. MariaDB rounds a DECIMAL and cuts a time's fraction (unless
 * sql_mode has TIME_ROUND_FRACTIONAL), with a note at most.
 *
 * @example
 * mysqlRoundedDigits({ kind: 'time', precision: 3 }, { kind: 'time' }) // '3 fractional-second digits to 0'
 */
export function mysqlRoundedDigits(from: ColumnType, to: ColumnType): string | undefined {
  return roundedDigits(from, to, { unconstrainedScale: 0, time: 0, timestamp: 6 })
}
