import type { ColumnType } from '../../schema/types.js'
import type { ColumnAt } from '../types.js'
import { ansiType } from '../default/column-type.js'

/**
 * A type as SQLite is told it. SQLite stores by affinity
 * (https://sqlite.org/datatype3.html#determination_of_column_affinity), so the
 * names are the conventional ones (as SQLAlchemy writes them) that keep the
 * right affinity and read back recognisably: DATETIME, BLOB, CHAR(36) for a
 * UUID's text form. Enums are VARCHAR with a CHECK.
 *
 * @example
 * sqliteType({ kind: 'timestamp' }) // 'DATETIME'
 */
export function sqliteType(type: ColumnType, at?: ColumnAt): string {
  switch (type.kind) {
    case 'double':
      return 'DOUBLE'
    case 'timestamp':
      return 'DATETIME'
    case 'uuid':
      return 'CHAR(36)'
    case 'binary':
      return 'BLOB'
    default:
      return ansiType(type, at)
  }
}
