import type { ColumnType } from '../../schema/types.js'
import { type DefaultDigits, roundedDigits } from '../default/rounding-types.js'
import { plainDigits } from '../default/digit-spellings.js'

/** The digits MySQL/MariaDB give a DECIMAL (10,0), TIME and timestamp that do not say them (a timestamp's as athanor writes it). */
const DIGITS: DefaultDigits = { unconstrainedScale: 0, defaultPrecision: 10, time: 0, timestamp: 6 }

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
  return roundedDigits(from, to, DIGITS)
}

/**
 * See plainDigits: DECIMAL is DECIMAL(10,0), DECIMAL(12) DECIMAL(12,0), TIME(0) TIME.
 *
 * @example
 * mysqlPlainDigits({ kind: 'numeric' }) // { kind: 'numeric', precision: 10, scale: 0 }
 */
export const mysqlPlainDigits = (type: ColumnType): ColumnType => plainDigits(type, DIGITS)
