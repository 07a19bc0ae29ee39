import type { ColumnType } from '../../schema/types.js'
import type { ColumnAt } from '../types.js'
import { ansiType } from '../default/column-type.js'

/**
 * A type as PostgreSQL spells it. JSON unless JSONB is asked for (`binary`):
 * JSON keeps the text as written (key order, duplicates), JSONB is the one
 * to index and query. Enums are VARCHAR with a CHECK rather than
 * `CREATE TYPE … AS ENUM`: a named type is a schema object of its own that
 * must be created before and dropped after every table using it, and its
 * values cannot be removed (https://www.postgresql.org/docs/current/datatype-enum.html),
 * which makes migrations and their reverses fragile; a CHECK lives and dies
 * with its table.
 *
 * @example
 * postgresType({ kind: 'binary' }) // 'BYTEA'
 */
export function postgresType(type: ColumnType, at?: ColumnAt): string {
  switch (type.kind) {
    case 'json':
      return type.binary === true ? 'JSONB' : 'JSON'
    case 'binary':
      return 'BYTEA'
    default:
      return ansiType(type, at)
  }
}
