import { AthanorError } from '../../core/errors.js'
import type { ColumnType } from '../../schema/types.js'
import type { ColumnAt } from '../types.js'
import { describeAt, enumValues, lengthArg, numericArgs } from '../default/column-type.js'
import { mysqlString } from './literal.js'

/**
 * A type as MySQL/MariaDB spell it. VARCHAR must have a length there. BOOLEAN
 * is written TINYINT(1), which is what the server stores and reports. DATETIME
 * rather than TIMESTAMP for timestamps: TIMESTAMP ends in 2038 and converts
 * through the session zone (https://dev.mysql.com/doc/refman/8.0/en/datetime.html);
 * neither keeps a zone, so `withTimeZone` changes nothing. UUIDs are CHAR(36)
 * text; enums are MySQL's inline ENUM, which needs no separate type object.
 *
 * @example
 * mysqlType({ kind: 'enum', values: ['a', 'b'] }) // "ENUM('a', 'b')"
 */
export function mysqlType(type: ColumnType, at?: ColumnAt): string {
  switch (type.kind) {
    case 'integer':
      return 'INT'
    case 'smallint':
      return 'SMALLINT'
    case 'bigint':
      return 'BIGINT'
    case 'boolean':
      return 'TINYINT(1)'
    case 'string':
      if (type.length === undefined) {
        throw new AthanorError('MYSQL_VARCHAR_LENGTH_REQUIRED', `MySQL needs a length for VARCHAR: ${describeAt(at)} has none`)
      }
      return `VARCHAR${lengthArg(type.length, at)}`
    case 'text':
      return 'TEXT'
    case 'numeric':
      return `DECIMAL${numericArgs(type, at)}`
    case 'real':
      return 'FLOAT'
    case 'double':
      return 'DOUBLE'
    case 'date':
      return 'DATE'
    case 'time':
      return 'TIME'
    case 'timestamp':
      return 'DATETIME(6)'
    case 'json':
      return 'JSON'
    case 'uuid':
      return 'CHAR(36)'
    case 'binary':
      return type.length === undefined ? 'BLOB' : `VARBINARY${lengthArg(type.length, at)}`
    case 'enum':
      return `ENUM(${enumValues(type, at).map(mysqlString).join(', ')})`
    case 'raw':
      return type.sql
  }
}
