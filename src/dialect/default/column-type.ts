import { AthanorError } from '../../core/errors.js'
import type { ColumnType, ColumnTypeKind } from '../../schema/types.js'
import type { ColumnAt } from '../types.js'

/**
 * Where a type sits, for error messages: the column and its table, as far as known.
 *
 * @example
 * describeAt({ table: 'user', column: 'email' }) // 'column "email" of table "user"'
 */
export function describeAt(at?: ColumnAt): string {
  if (at?.column !== undefined && at.table !== undefined) return `column "${at.column}" of table "${at.table}"`
  if (at?.column !== undefined) return `column "${at.column}"`
  return 'a column'
}

/**
 * `(precision, scale)` for NUMERIC/DECIMAL; a scale without a precision has
 * no SQL spelling.
 *
 * @example
 * numericArgs({ kind: 'numeric', precision: 10, scale: 2 }) // '(10, 2)'
 */
export function numericArgs(type: Extract<ColumnType, { kind: 'numeric' }>, at?: ColumnAt): string {
  if (type.precision === undefined) {
    if (type.scale !== undefined) {
      throw new AthanorError('INVALID_TYPE', `NUMERIC with a scale needs a precision (${describeAt(at)})`)
    }
    return ''
  }
  positive(type.precision, 'precision', at)
  if (type.scale === undefined) return `(${type.precision})`
  if (!Number.isInteger(type.scale) || type.scale < 0) {
    throw new AthanorError('INVALID_TYPE', `NUMERIC scale must be a non-negative integer (${describeAt(at)})`)
  }
  return `(${type.precision}, ${type.scale})`
}

/**
 * `(length)` when a length is given and valid.
 *
 * @example
 * lengthArg(255) // '(255)'
 */
export function lengthArg(length: number | undefined, at?: ColumnAt): string {
  if (length === undefined) return ''
  positive(length, 'length', at)
  return `(${length})`
}

function positive(value: number, what: string, at?: ColumnAt): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new AthanorError('INVALID_TYPE', `Type ${what} must be a positive integer, got ${value} (${describeAt(at)})`)
  }
}

/**
 * The enum's values, refusing an empty list (no value could be stored).
 *
 * @example
 * enumValues({ kind: 'enum', values: ['a'] }) // ['a']
 */
export function enumValues(type: Extract<ColumnType, { kind: 'enum' }>, at?: ColumnAt): readonly string[] {
  if (type.values.length === 0) {
    throw new AthanorError('INVALID_TYPE', `An enum needs at least one value (${describeAt(at)})`)
  }
  return type.values
}

/**
 * The VARCHAR length an enum stored as text needs: its longest value.
 *
 * @example
 * ansiType({ kind: 'enum', values: ['draft', 'published'] }) // 'VARCHAR(9)': 9 is enumLength, 'published'.length
 */
function enumLength(type: Extract<ColumnType, { kind: 'enum' }>, at?: ColumnAt): number {
  return Math.max(1, ...enumValues(type, at).map((v) => [...v].length))
}

/** Integer kinds: the only ones a database numbers itself. */
export const INTEGER_KINDS: ReadonlySet<ColumnTypeKind> = new Set(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint'])

/**
 * Refuses what only MySQL/MariaDB can create (UNSIGNED, ZEROFILL, SET,
 * TIMESTAMP's ON UPDATE), naming the column, so a model that cannot be
 * built fails before any statement runs.
 *
 * @example
 * refuseMysqlOnly({ kind: 'integer', unsigned: true }, { table: 't', column: 'n' })
 * // throws: column "n" of table "t" is UNSIGNED, which only MySQL and MariaDB can create
 */
export function refuseMysqlOnly(type: ColumnType, at?: ColumnAt): void {
  const feature =
    'unsigned' in type && type.unsigned === true
      ? 'UNSIGNED'
      : 'zerofill' in type && type.zerofill === true
        ? 'ZEROFILL'
        : type.kind === 'set'
          ? 'a SET type'
          : type.kind === 'timestamp' && type.onUpdateNow === true
            ? 'ON UPDATE CURRENT_TIMESTAMP'
            : undefined
  if (feature !== undefined) throw mysqlOnly(feature, at)
}

/**
 * Refuses what only MySQL and MariaDB keep of a column beside its type: an
 * INVISIBLE column, a spatial reference system (SRID); `column` is the
 * column as created, or the changes an alter makes to it.
 *
 * @example
 * refuseMysqlOnlyColumn({ invisible: true }, { table: 't', column: 'n' })
 * // throws: column "n" of table "t" is INVISIBLE, which only MySQL and MariaDB can create
 */
export function refuseMysqlOnlyColumn(
  column: { readonly invisible?: boolean; readonly srid?: { readonly id: number } | null },
  at?: ColumnAt,
): void {
  if (column.invisible === true) throw mysqlOnly('INVISIBLE', at)
  if (column.srid !== undefined && column.srid !== null) throw mysqlOnly(`of SRID ${column.srid.id}`, at)
}

function mysqlOnly(feature: string, at?: ColumnAt): AthanorError {
  return new AthanorError('UNSUPPORTED_COLUMN', `${describeAt(at)} is ${feature}, which only MySQL and MariaDB can create`)
}

/** `(p)` for a time's fractional-second digits, 0 to 6 on every dialect. */
export function precisionArg(precision: number | undefined, at?: ColumnAt): string {
  if (precision === undefined) return ''
  if (!Number.isInteger(precision) || precision < 0 || precision > 6) {
    throw new AthanorError('INVALID_TYPE', `Fractional-second precision must be 0 to 6, got ${precision} (${describeAt(at)})`)
  }
  return `(${precision})`
}

/**
 * The SQL standard's spelling of each type, which PostgreSQL follows closely.
 * Enums are stored as VARCHAR with a CHECK written by the column definition.
 *
 * @example
 * ansiType({ kind: 'string', length: 80 }) // 'VARCHAR(80)'
 */
export function ansiType(type: ColumnType, at?: ColumnAt): string {
  refuseMysqlOnly(type, at)
  switch (type.kind) {
    case 'integer':
    case 'mediumint':
      return 'INTEGER'
    case 'tinyint':
    case 'smallint':
      return 'SMALLINT'
    case 'bigint':
      return 'BIGINT'
    case 'boolean':
      return 'BOOLEAN'
    case 'string':
      return `${type.fixed === true ? 'CHAR' : 'VARCHAR'}${lengthArg(type.length, at)}`
    case 'text':
      return 'TEXT'
    case 'numeric':
      return `NUMERIC${numericArgs(type, at)}`
    case 'real':
      return 'REAL'
    case 'double':
      return 'DOUBLE PRECISION'
    case 'date':
      return 'DATE'
    case 'time':
      return `TIME${precisionArg(type.precision, at)}`
    case 'timestamp':
      return `TIMESTAMP${precisionArg(type.precision, at)}${type.withTimeZone === true ? ' WITH TIME ZONE' : ''}`
    case 'json':
      return 'JSON'
    case 'uuid':
      return 'UUID'
    case 'binary':
      return `${type.fixed === true ? 'BINARY' : 'VARBINARY'}${lengthArg(type.length, at)}`
    case 'enum':
      return `VARCHAR(${enumLength(type, at)})`
    case 'set':
      throw mysqlOnly('a SET type', at)
    case 'raw':
      return type.sql
  }
}
