import type { ColumnType, DefaultValue } from '../../schema/types.js'

/**
 * A `COLUMN_TYPE` read back as athanor's type. Display widths (`int(11)`)
 * mean nothing but TINYINT(1), which MySQL and MariaDB use for BOOLEAN;
 * CHAR(36) is how athanor stores a UUID; MariaDB's JSON is LONGTEXT with a
 * `json_valid` check (`isJson`).
 *
 * @example
 * mysqlTypeFromCatalog('tinyint(1)') // { kind: 'boolean' }
 */
export function mysqlTypeFromCatalog(text: string, isJson = false): ColumnType {
  const t = text.toLowerCase().trim()
  if (isJson || t === 'json') return { kind: 'json' }
  const enumMatch = /^enum\((.*)\)$/s.exec(t)
  if (enumMatch)
    return {
      kind: 'enum',
      values: [...text.slice(5, -1).matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => m[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1')),
    }
  const m = /^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?(?: unsigned)?(?: zerofill)?$/.exec(t)
  if (!m) return { kind: 'raw', sql: text.toUpperCase() }
  const a = m[2] === undefined ? undefined : Number(m[2])
  const b = m[3] === undefined ? undefined : Number(m[3])
  switch (m[1]) {
    case 'int':
    case 'integer':
    case 'mediumint':
      return { kind: 'integer' }
    case 'smallint':
      return { kind: 'smallint' }
    case 'bigint':
      return { kind: 'bigint' }
    case 'tinyint':
      return a === 1 ? { kind: 'boolean' } : { kind: 'raw', sql: text.toUpperCase() }
    case 'varchar':
      return a === undefined ? { kind: 'string' } : { kind: 'string', length: a }
    case 'char':
      return a === 36 ? { kind: 'uuid' } : { kind: 'raw', sql: text.toUpperCase() }
    case 'text':
      return { kind: 'text' }
    case 'decimal':
    case 'numeric':
      return { kind: 'numeric', ...(a === undefined ? {} : { precision: a }), ...(b === undefined ? {} : { scale: b }) }
    case 'float':
      return { kind: 'real' }
    case 'double':
      return { kind: 'double' }
    case 'date':
      return { kind: 'date' }
    case 'time':
      return { kind: 'time' }
    case 'datetime':
    case 'timestamp':
      return { kind: 'timestamp' }
    case 'blob':
      return { kind: 'binary' }
    case 'varbinary':
      return a === undefined ? { kind: 'binary' } : { kind: 'binary', length: a }
    default:
      return { kind: 'raw', sql: text.toUpperCase() }
  }
}

/**
 * A `COLUMN_DEFAULT` read back. MariaDB (10.2.7+) quotes string literals,
 * writes `NULL` for no default and `current_timestamp()` for expressions;
 * MySQL 8 leaves literals unquoted and marks expressions DEFAULT_GENERATED
 * in EXTRA (https://mariadb.com/kb/en/information-schema-columns-table/).
 *
 * @example
 * mysqlDefaultFromCatalog("'draft'", '', true) // { kind: 'literal', value: 'draft' }
 */
export function mysqlDefaultFromCatalog(text: string | null, extra: string, mariadb: boolean): DefaultValue | undefined {
  if (text === null) return undefined
  const number = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i
  if (mariadb) {
    if (text === 'NULL') return undefined
    if (/^'(?:[^'\\]|''|\\.)*'$/s.test(text))
      return { kind: 'literal', value: text.slice(1, -1).replaceAll("''", "'").replace(/\\(.)/g, '$1') }
    if (number.test(text)) return { kind: 'literal', value: Number(text) }
    return { kind: 'expression', sql: text }
  }
  if (/DEFAULT_GENERATED/i.test(extra) || /^current_timestamp/i.test(text)) return { kind: 'expression', sql: text }
  return { kind: 'literal', value: number.test(text) ? Number(text) : text }
}
