import { AthanorError } from '../core/errors.js'
import type { ColumnType, DefaultValue, IntegerOptions, LobSize } from './types.js'

/**
 * Builders for column types, so scripts read like SQLAlchemy's `sa.String(50)`.
 *
 * @example
 * await op.addColumn('users', { name: 'email', type: t.string(120), nullable: false })
 * await op.addColumn('orders', { name: 'total', type: t.numeric(10, 2) })
 */
export const t = {
  /** MySQL's one-byte integer (PostgreSQL: SMALLINT). */
  tinyint: (options: IntegerOptions = {}): ColumnType => ({ kind: 'tinyint', ...defined(options) }),
  smallint: (options: IntegerOptions = {}): ColumnType => ({ kind: 'smallint', ...defined(options) }),
  /** MySQL's three-byte integer (PostgreSQL: INTEGER). */
  mediumint: (options: IntegerOptions = {}): ColumnType => ({ kind: 'mediumint', ...defined(options) }),
  integer: (options: IntegerOptions = {}): ColumnType => ({ kind: 'integer', ...defined(options) }),
  bigint: (options: IntegerOptions = {}): ColumnType => ({ kind: 'bigint', ...defined(options) }),
  boolean: (): ColumnType => ({ kind: 'boolean' }),
  string: (length?: number): ColumnType => (length === undefined ? { kind: 'string' } : { kind: 'string', length }),
  /** Fixed-length CHAR(n). */
  char: (length: number): ColumnType => ({ kind: 'string', length, fixed: true }),
  /** `size` is MySQL's TINYTEXT, MEDIUMTEXT or LONGTEXT. */
  text: (options: { readonly size?: LobSize } = {}): ColumnType => ({ kind: 'text', ...defined(options) }),
  numeric: (precision?: number, scale?: number, options: { readonly unsigned?: boolean } = {}): ColumnType => ({
    kind: 'numeric',
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
    ...defined(options),
  }),
  real: (): ColumnType => ({ kind: 'real' }),
  double: (): ColumnType => ({ kind: 'double' }),
  date: (): ColumnType => ({ kind: 'date' }),
  time: (options: { readonly precision?: number } = {}): ColumnType => ({ kind: 'time', ...defined(options) }),
  timestamp: (options: TimestampOptions = {}): ColumnType => {
    const { withTimeZone, ...rest } = options
    return { kind: 'timestamp', ...(withTimeZone === true ? { withTimeZone } : {}), ...defined(rest) }
  },
  /** `binary` asks for PostgreSQL's JSONB; other dialects have one JSON type. */
  json: (options: { readonly binary?: boolean } = {}): ColumnType =>
    options.binary === true ? { kind: 'json', binary: true } : { kind: 'json' },
  uuid: (): ColumnType => ({ kind: 'uuid' }),
  /** VARBINARY(n) with a length; `{ length, fixed: true }` is BINARY(n); `{ size }` a MySQL TINY/MEDIUM/LONGBLOB. */
  binary: (length?: number | BinaryOptions): ColumnType =>
    typeof length === 'object'
      ? { kind: 'binary', ...defined(length) }
      : length === undefined
        ? { kind: 'binary' }
        : { kind: 'binary', length },
  enum: (values: readonly string[], name?: string): ColumnType => ({ kind: 'enum', values, ...(name === undefined ? {} : { name }) }),
  /** MySQL/MariaDB's SET of values, each kept with its case. */
  set: (values: readonly string[]): ColumnType => ({ kind: 'set', values }),
  /** A type athanor has no name for, written as is. */
  raw: (sqlType: string): ColumnType => ({ kind: 'raw', sql: sqlType }),
} as const

/**
 * Options of `t.timestamp()`: see the `timestamp` {@link ColumnType}.
 *
 * @example
 * const updatedAt: TimestampOptions = { precision: 0, onUpdateNow: true, mysql: { timestamp: true } }
 */
export type TimestampOptions = Omit<Extract<ColumnType, { kind: 'timestamp' }>, 'kind'>

/**
 * Options of `t.binary()` beyond a bare length.
 *
 * @example
 * const hash: BinaryOptions = { length: 32, fixed: true }
 */
export type BinaryOptions = Omit<Extract<ColumnType, { kind: 'binary' }>, 'kind'>

/** The options given, without those left undefined or false, so equal types are equal data. */
function defined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== false)) as Partial<T>
}

/**
 * Type names that need no parameter, accepted wherever a type is: `type: 'integer'`.
 *
 * @example
 * const name: SimpleTypeName = 'uuid'
 */
export type SimpleTypeName =
  | 'tinyint'
  | 'mediumint'
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
  tinyint: true,
  mediumint: true,
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

const KINDS: Readonly<Record<ColumnType['kind'], true>> = { ...SIMPLE_KINDS, enum: true, set: true, raw: true }

function unknownType(shown: string): AthanorError {
  return new AthanorError(
    'INVALID_TYPE',
    `unknown column type ${shown}: use one of ${Object.keys(SIMPLE_KINDS).join(', ')}, ` +
      "a t.* builder for parameters (t.string(20) for VARCHAR(20), t.json({ binary: true }) for JSONB), or t.raw('...') for any other",
  )
}

/**
 * A server default that is SQL rather than a value, written as is; also a
 * template tag, for longer SQL such as a view's query.
 *
 * @example
 * await op.addColumn('users', { name: 'created_at', type: t.timestamp(), serverDefault: sql('CURRENT_TIMESTAMP') })
 * const query = sql`SELECT id FROM users WHERE active`
 */
export function sql(expression: string | TemplateStringsArray, ...values: readonly unknown[]): DefaultValue {
  const text = typeof expression === 'string' ? expression : expression.reduce((all, part, i) => `${all}${String(values[i - 1])}${part}`)
  return { kind: 'expression', sql: text }
}

/**
 * A server default as a script writes it: a plain value is a literal (quoted
 * by the compiler); `sql(...)` marks an expression, written as is. A
 * `bigint` is an integer past 2^53 a `number` cannot hold exactly.
 *
 * @example
 * const defaults: DefaultInput[] = ['draft', 0, false, 9007199254740993n, sql('now()')]
 */
export type DefaultInput = DefaultValue | string | number | bigint | boolean

/**
 * The full form of a default a script wrote in short. A `bigint` becomes
 * its digits as an expression, the form `pull` writes for such a default
 * (`sql('9007199254740993')`), so it is written and compared exactly.
 *
 * @example
 * toDefaultValue(0) // { kind: 'literal', value: 0 }
 * toDefaultValue(9007199254740993n) // { kind: 'expression', sql: '9007199254740993' }
 */
export function toDefaultValue(input: DefaultInput): DefaultValue {
  if (typeof input === 'bigint') return { kind: 'expression', sql: input.toString() }
  return typeof input === 'object' && input !== null ? input : { kind: 'literal', value: input }
}
