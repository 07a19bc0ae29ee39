import type { ColumnType } from '../../schema/types.js'
import type { DefaultDigits } from './rounding-types.js'

/**
 * A type with the digits its database gives it anyway left unsaid, so that
 * two spellings of one type compare equal: PostgreSQL's NUMERIC(10) is
 * NUMERIC(10,0) and its TIMESTAMP(6) a TIMESTAMP; MariaDB's DECIMAL is
 * DECIMAL(10,0) and its TIME(0) a TIME. `defaultPrecision` is the precision
 * of a NUMERIC that says none, where the database gives it one (MySQL's 10).
 * The same object comes back when nothing changes.
 *
 * @example
 * const postgresql = { unconstrainedScale: Number.POSITIVE_INFINITY, time: 6, timestamp: 6 }
 * plainDigits({ kind: 'numeric', precision: 10 }, postgresql) // { kind: 'numeric', precision: 10, scale: 0 }
 * plainDigits({ kind: 'timestamp', precision: 6 }, postgresql) // { kind: 'timestamp' }
 */
export function plainDigits(type: ColumnType, defaults: DefaultDigits): ColumnType {
  if (type.kind === 'numeric' && type.scale === undefined) {
    const precision = type.precision ?? defaults.defaultPrecision
    return precision === undefined ? type : { ...type, precision, scale: 0 }
  }
  if ((type.kind === 'time' || type.kind === 'timestamp') && type.precision === defaults[type.kind]) {
    const { precision: _, ...rest } = type
    return rest
  }
  return type
}
