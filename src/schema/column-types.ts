import type { ColumnType, DefaultValue } from './types.js'

/**
 * Builders for column types, so scripts read like SQLAlchemy's `sa.String(50)`.
 *
 * @example
 * op.addColumn('users', { name: 'email', type: t.string(120), nullable: false })
 */
export const t = {
  integer: (): ColumnType => ({ kind: 'integer' }),
  smallint: (): ColumnType => ({ kind: 'smallint' }),
  bigint: (): ColumnType => ({ kind: 'bigint' }),
  boolean: (): ColumnType => ({ kind: 'boolean' }),
  string: (length?: number): ColumnType => (length === undefined ? { kind: 'string' } : { kind: 'string', length }),
  text: (): ColumnType => ({ kind: 'text' }),
  numeric: (precision?: number, scale?: number): ColumnType => ({
    kind: 'numeric',
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
  }),
  real: (): ColumnType => ({ kind: 'real' }),
  double: (): ColumnType => ({ kind: 'double' }),
  date: (): ColumnType => ({ kind: 'date' }),
  time: (): ColumnType => ({ kind: 'time' }),
  timestamp: (options: { withTimeZone?: boolean } = {}): ColumnType => ({ kind: 'timestamp', ...options }),
  json: (): ColumnType => ({ kind: 'json' }),
  uuid: (): ColumnType => ({ kind: 'uuid' }),
  binary: (length?: number): ColumnType => (length === undefined ? { kind: 'binary' } : { kind: 'binary', length }),
  enum: (values: readonly string[], name?: string): ColumnType => ({ kind: 'enum', values, ...(name ? { name } : {}) }),
  raw: (sql: string): ColumnType => ({ kind: 'raw', sql }),
} as const

/** Type names that need no parameter, accepted wherever a type is: `type: 'integer'`. */
export type SimpleTypeName =
  | 'integer' | 'smallint' | 'bigint' | 'boolean' | 'string' | 'text' | 'numeric' | 'real' | 'double'
  | 'date' | 'time' | 'timestamp' | 'json' | 'uuid' | 'binary'

export type ColumnTypeInput = ColumnType | SimpleTypeName

export function toColumnType(input: ColumnTypeInput): ColumnType {
  return typeof input === 'string' ? ({ kind: input } as ColumnType) : input
}

/**
 * A server default that is SQL rather than a value, written as is.
 *
 * @example
 * { name: 'created_at', type: t.timestamp(), serverDefault: sql('CURRENT_TIMESTAMP') }
 */
export function sql(expression: string): DefaultValue {
  return { kind: 'expression', sql: expression }
}

/** A default given as a plain value is a literal; `sql(...)` marks an expression. */
export type DefaultInput = DefaultValue | string | number | boolean

export function toDefaultValue(input: DefaultInput): DefaultValue {
  return typeof input === 'object' && input !== null ? input : { kind: 'literal', value: input }
}
