import { AthanorError } from '../core/errors.js'
import type { ColumnType, DefaultValue } from './types.js'

/**
 * Builders for column types, so scripts read like SQLAlchemy's `sa.String(50)`.
 *
 * @example
 * await op.addColumn('users', { name: 'email', type: t.string(120), nullable: false })
 * await op.addColumn('orders', { name: 'total', type: t.numeric(10, 2) })
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
  timestamp: (options: { readonly withTimeZone?: boolean } = {}): ColumnType =>
    options.withTimeZone === true ? { kind: 'timestamp', withTimeZone: true } : { kind: 'timestamp' },
  /** `binary` asks for PostgreSQL's JSONB; other dialects have one JSON type. */
  json: (options: { readonly binary?: boolean } = {}): ColumnType =>
    options.binary === true ? { kind: 'json', binary: true } : { kind: 'json' },
  uuid: (): ColumnType => ({ kind: 'uuid' }),
  binary: (length?: number): ColumnType => (length === undefined ? { kind: 'binary' } : { kind: 'binary', length }),
  enum: (values: readonly string[], name?: string): ColumnType => ({ kind: 'enum', values, ...(name === undefined ? {} : { name }) }),
  /** A type athanor has no name for, written as is. */
  raw: (sqlType: string): ColumnType => ({ kind: 'raw', sql: sqlType }),
} as const

/**
 * Type names that need no parameter, accepted wherever a type is: `type: 'integer'`.
 *
 * @example
 * const name: SimpleTypeName = 'uuid'
 */
export type SimpleTypeName =
  | 'integer'
  | 'smallint'
  | 'bigint'
  | 'boolean'
  | 'string'
  | 'text'
  | 'numeric'
  | 'real'
  | 'double'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'json'
  | 'uuid'
  | 'binary'

/**
 * A column type as a script may write it: a bare name, or what `t` builds
 * when the type has parameters.
 *
 * @example
 * const types: ColumnTypeInput[] = ['integer', t.string(120), t.enum(['draft', 'published'], 'post_status')]
 */
export type ColumnTypeInput = ColumnType | SimpleTypeName

/**
 * The full form of a type a script wrote in short.
 *
 * @example
 * toColumnType('integer') // { kind: 'integer' }
 */
export function toColumnType(input: ColumnTypeInput): ColumnType {
  // Scripts in JavaScript, or typed loosely, can pass any string: 'jsonb' or
  // 'varchar(20)' would otherwise compile to a column with no type at all.
  if (typeof input === 'string') {
    if (!Object.hasOwn(SIMPLE_KINDS, input)) throw unknownType(JSON.stringify(input))
    return { kind: input } as ColumnType
  }
  if (typeof input !== 'object' || input === null || !Object.hasOwn(KINDS, (input as { kind?: unknown }).kind as string)) {
    throw unknownType(JSON.stringify(input) ?? String(input))
  }
  return input
}

/** The types a bare name may stand for: those without parameters. */
const SIMPLE_KINDS: Readonly<Record<SimpleTypeName, true>> = {
  integer: true,
  smallint: true,
  bigint: true,
  boolean: true,
  string: true,
  text: true,
  numeric: true,
  real: true,
  double: true,
  date: true,
  time: true,
  timestamp: true,
  json: true,
  uuid: true,
  binary: true,
}

const KINDS: Readonly<Record<ColumnType['kind'], true>> = { ...SIMPLE_KINDS, enum: true, raw: true }

function unknownType(shown: string): AthanorError {
  return new AthanorError(
    'INVALID_TYPE',
    `unknown column type ${shown}: use one of ${Object.keys(SIMPLE_KINDS).join(', ')}, ` +
      "a t.* builder for parameters (t.string(20) for VARCHAR(20), t.json({ binary: true }) for JSONB), or t.raw('...') for any other",
  )
}

/**
 * A server default that is SQL rather than a value, written as is.
 *
 * @example
 * await op.addColumn('users', { name: 'created_at', type: t.timestamp(), serverDefault: sql('CURRENT_TIMESTAMP') })
 */
export function sql(expression: string): DefaultValue {
  return { kind: 'expression', sql: expression }
}

/**
 * A server default as a script writes it: a plain value is a literal (quoted
 * by the compiler); `sql(...)` marks an expression, written as is.
 *
 * @example
 * const defaults: DefaultInput[] = ['draft', 0, false, sql('now()')]
 */
export type DefaultInput = DefaultValue | string | number | boolean

/**
 * The full form of a default a script wrote in short.
 *
 * @example
 * toDefaultValue(0) // { kind: 'literal', value: 0 }
 */
export function toDefaultValue(input: DefaultInput): DefaultValue {
  return typeof input === 'object' && input !== null ? input : { kind: 'literal', value: input }
}
