import { AthanorError } from '../../core/errors.js'
import type { ColumnType } from '../../schema/types.js'
import type { ColumnAt } from '../types.js'
import { describeAt, enumValues, lengthArg, numericArgs, precisionArg } from '../default/column-type.js'
import { mysqlString } from './literal.js'

/**
 * A type as MySQL/MariaDB spell it. VARCHAR must have a length there. BOOLEAN
 * is written TINYINT(1), which is what the server stores and reports. DATETIME
 * rather than TIMESTAMP for timestamps unless asked (`mysql: { timestamp: true }`):
 * TIMESTAMP ends in 2038 and converts through the session zone
 * (https://dev.mysql.com/doc/refman/8.0/en/datetime.html); `withTimeZone`
 * changes nothing. A timestamp without a precision is DATETIME(6), as athanor
 * always wrote it; precision 0 is a plain DATETIME. UUIDs are CHAR(36) text;
 * enums are MySQL's inline ENUM, which needs no separate type object.
 *
 * @example
 * mysqlType({ kind: 'enum', values: ['a', 'b'] }) // "ENUM('a', 'b')"
 * mysqlType({ kind: 'tinyint', unsigned: true }) // 'TINYINT UNSIGNED'
 */
export function mysqlType(type: ColumnType, at?: ColumnAt): string {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint':
      return integerType(type, at)
    case 'boolean':
      return 'TINYINT(1)'
    case 'string':
      if (type.length === undefined) {
        throw new AthanorError('MYSQL_VARCHAR_LENGTH_REQUIRED', `MySQL needs a length for VARCHAR: ${describeAt(at)} has none`)
      }
      return `${type.fixed === true ? 'CHAR' : 'VARCHAR'}${lengthArg(type.length, at)}`
    case 'text':
      return `${LOB_PREFIX[type.size ?? 'regular']}TEXT`
    case 'numeric':
      return `DECIMAL${numericArgs(type, at)}${type.unsigned === true ? ' UNSIGNED' : ''}`
    case 'real':
      return 'FLOAT'
    case 'double':
      return 'DOUBLE'
    case 'date':
      return 'DATE'
    case 'time':
      return `TIME${type.precision === 0 ? '' : precisionArg(type.precision, at)}`
    case 'timestamp':
      return `${type.mysql?.timestamp === true ? 'TIMESTAMP' : 'DATETIME'}${timestampPrecision(type, at)}`
    case 'json':
      return 'JSON'
    case 'uuid':
      return 'CHAR(36)'
    case 'binary':
      if (type.length !== undefined) return `${type.fixed === true ? 'BINARY' : 'VARBINARY'}${lengthArg(type.length, at)}`
      return `${LOB_PREFIX[type.size ?? 'regular']}BLOB`
    case 'enum':
      return `ENUM(${enumValues(type, at).map(mysqlString).join(', ')})`
    case 'set':
      return `SET(${type.values.map(mysqlString).join(', ')})`
    case 'raw':
      return type.sql
  }
}

const INTEGER_NAMES = { tinyint: 'TINYINT', smallint: 'SMALLINT', mediumint: 'MEDIUMINT', integer: 'INT', bigint: 'BIGINT' } as const

const LOB_PREFIX = { tiny: 'TINY', regular: '', medium: 'MEDIUM', long: 'LONG' } as const

/** The width ZEROFILL pads to when none is given: the digits of the type's largest unsigned value, as the server reports it. */
const ZEROFILL_WIDTHS = { tinyint: 3, smallint: 5, mediumint: 8, integer: 10, bigint: 20 } as const

/** ZEROFILL implies UNSIGNED, and the server reports both; the display width is written only with ZEROFILL, where it pads. */
function integerType(type: Extract<ColumnType, { kind: keyof typeof INTEGER_NAMES }>, at?: ColumnAt): string {
  const zerofill = type.zerofill === true
  const width = zerofill ? lengthArg(type.width ?? ZEROFILL_WIDTHS[type.kind], at) : ''
  return `${INTEGER_NAMES[type.kind]}${width}${zerofill || type.unsigned === true ? ' UNSIGNED' : ''}${zerofill ? ' ZEROFILL' : ''}`
}

/**
 * The fractional-second digits of a DATETIME/TIMESTAMP: 6 when none is given,
 * nothing for 0, which is how the server reports a plain DATETIME.
 *
 * @example
 * timestampPrecision({ kind: 'timestamp', precision: 3 }) // '(3)'
 */
export function timestampPrecision(type: Extract<ColumnType, { kind: 'timestamp' }>, at?: ColumnAt): string {
  const precision = type.precision ?? 6
  return precision === 0 ? '' : precisionArg(precision, at)
}
