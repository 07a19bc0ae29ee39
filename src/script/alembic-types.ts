import type { ColumnType } from '../schema/types.js'
import { asCall, calleeName, CallArgs, literalString } from './alembic-args.js'
import { sqlalchemyDateTime, sqlalchemyEnum } from './alembic-dialect-types.js'
import { UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'
import { PYTHON_ENUM } from './alembic-scope.js'

type TypeReader = (args: CallArgs) => ColumnType

const plain = (
  kind: 'integer' | 'smallint' | 'bigint' | 'boolean' | 'text' | 'real' | 'double' | 'date' | 'time' | 'uuid',
): [readonly string[], TypeReader] => [[], () => ({ kind })]

const withLength = (kind: 'string' | 'binary'): [readonly string[], TypeReader] => [
  ['length'],
  (args) => {
    const length = args.optionalNumber('length')
    return length === undefined ? { kind } : { kind, length }
  },
]

const numeric: [readonly string[], TypeReader] = [
  ['precision', 'scale'],
  (args) => {
    const precision = args.optionalNumber('precision')
    const scale = args.optionalNumber('scale')
    return { kind: 'numeric', ...(precision === undefined ? {} : { precision }), ...(scale === undefined ? {} : { scale }) }
  },
]

/**
 * SQLAlchemy's DateTime: TIMESTAMP [WITH TIME ZONE] on PostgreSQL, DATETIME
 * (no fraction) on MySQL and SQLite, whatever `timezone` says there.
 */
const timestamp = (mysqlName: string): [readonly string[], TypeReader] => [
  ['timezone', 'fsp'],
  (args) => {
    const zoned: ColumnType = args.optionalBoolean('timezone') === true ? { kind: 'timestamp', withTimeZone: true } : { kind: 'timestamp' }
    const fsp = args.optionalNumber('fsp')
    return sqlalchemyDateTime(zoned, fsp === undefined ? mysqlName : `${mysqlName}(${fsp})`, mysqlName)
  },
]

/** SQLAlchemy's Float is FLOAT on every database (double precision on PostgreSQL, single on MySQL). */
const float: [readonly string[], TypeReader] = [
  ['precision'],
  (args) => {
    const precision = args.optionalNumber('precision')
    return { kind: 'raw', sql: precision === undefined ? 'FLOAT' : `FLOAT(${precision})` }
  },
]

/** A PostgreSQL type with no athanor counterpart, spelled as PostgreSQL spells it. */
const postgres = (sql: string): [readonly string[], TypeReader] => [[], () => ({ kind: 'raw', sql })]

/**
 * SQLAlchemy's generic types and the upper-case SQL types autogenerate
 * writes for reflected columns, by class name. Keyword arguments that only
 * change Python-side behaviour (`asdecimal`, `as_uuid`, `none_as_null`…)
 * are ignored: they do not change the DDL.
 */
const TYPES: Readonly<Record<string, readonly [readonly string[], TypeReader]>> = {
  Integer: plain('integer'),
  INTEGER: plain('integer'),
  INT: plain('integer'),
  SmallInteger: plain('smallint'),
  SMALLINT: plain('smallint'),
  BigInteger: plain('bigint'),
  BIGINT: plain('bigint'),
  Boolean: plain('boolean'),
  BOOLEAN: plain('boolean'),
  String: withLength('string'),
  VARCHAR: withLength('string'),
  Unicode: withLength('string'),
  NVARCHAR: withLength('string'),
  Text: plain('text'),
  TEXT: plain('text'),
  UnicodeText: plain('text'),
  CLOB: plain('text'),
  Numeric: numeric,
  NUMERIC: numeric,
  DECIMAL: numeric,
  Float: float,
  FLOAT: float,
  Double: plain('double'),
  DOUBLE: plain('double'),
  DOUBLE_PRECISION: plain('double'),
  REAL: plain('real'),
  Date: plain('date'),
  DATE: plain('date'),
  Time: plain('time'),
  TIME: plain('time'),
  DateTime: timestamp('DATETIME'),
  DATETIME: timestamp('DATETIME'),
  TIMESTAMP: timestamp('TIMESTAMP'),
  INET: postgres('INET'),
  CIDR: postgres('CIDR'),
  MACADDR: postgres('MACADDR'),
  CITEXT: postgres('CITEXT'),
  TSVECTOR: postgres('TSVECTOR'),
  TSVectorType: postgres('TSVECTOR'),
  INTERVAL: postgres('INTERVAL'),
  HSTORE: postgres('HSTORE'),
  JSON: [[], () => ({ kind: 'json' })],
  JSONB: [[], () => ({ kind: 'json', binary: true })],
  Uuid: plain('uuid'),
  UUID: plain('uuid'),
  LargeBinary: withLength('binary'),
  BLOB: withLength('binary'),
  BINARY: withLength('binary'),
  VARBINARY: withLength('binary'),
  BYTEA: withLength('binary'),
}

const IGNORED = [
  'asdecimal',
  'decimal_return_scale',
  'as_uuid',
  'none_as_null',
  'astext_type',
  'native_uuid',
  'convert_unicode',
  'collation',
]

/**
 * A SQLAlchemy type expression as a column type.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * columnType(parseExpression(tokenizePython('sa.String(length=50)')[0]!.tokens)) // { kind: 'string', length: 50 }
 */
export function columnType(expr: PyExpr): ColumnType {
  const name = calleeName(expr)
  if (name === 'Enum' || name === 'ENUM') return enumType(expr)
  if (name === 'ARRAY') return arrayType(expr)
  const entry = name === undefined ? undefined : TYPES[name]
  if (entry === undefined) throw new UnsupportedPython(`the column type ${name ?? 'expression'}`)
  const [positional, read] = entry
  return read(new CallArgs(asCall(expr), positional, [], IGNORED))
}

/**
 * `sa.Enum('a', 'b', name='mood')`, `sa.Enum(Mood)` (a Python enum class of
 * the script: its member names, and its lower-cased class name as the
 * type's name) or `postgresql.ENUM(…, create_type=False)`, as SQLAlchemy
 * 1.4 creates them: a named type on PostgreSQL (created with the table
 * unless `create_type=False`), an inline ENUM on MySQL, and a VARCHAR as
 * long as the longest value on SQLite (1.4 adds no CHECK by default).
 */
function enumType(expr: PyExpr): ColumnType {
  const call = asCall(expr)
  const [first] = call.args
  const fromClass = first !== undefined && isPythonEnum(first)
  const values = fromClass
    ? first.args.slice(1).map((a) => literalString(a, 'an enum member'))
    : call.args.map((a) => literalString(a, 'an Enum value'))
  if (values.length === 0) throw new UnsupportedPython('an Enum whose values are not written in the script')
  const args = new CallArgs(
    { ...call, args: [] },
    [],
    ['name', 'create_type', 'native_enum', 'create_constraint'],
    ['inherit_schema', 'validate_strings', 'metadata', 'values_callable'],
  )
  if (args.has('values_callable')) throw new UnsupportedPython('an Enum with values_callable')
  const name = args.optionalString('name') ?? (fromClass ? literalString(first.args[0]!, 'enum class').toLowerCase() : undefined)
  const varchar: ColumnType = { kind: 'string', length: Math.max(...values.map((v) => [...v].length)) }
  if (args.optionalBoolean('create_constraint') === true) throw new UnsupportedPython('an Enum with create_constraint=True')
  if (args.optionalBoolean('native_enum') === false) return varchar
  if (name === undefined) throw new UnsupportedPython('an Enum without a name, which PostgreSQL cannot create')
  return sqlalchemyEnum(name, values, varchar, args.optionalBoolean('create_type') !== false)
}

/** The marker the scope puts in place of a Python enum class the script defines. */
function isPythonEnum(expr: PyExpr): expr is PyCall {
  return expr.kind === 'call' && expr.func.kind === 'name' && expr.func.id === PYTHON_ENUM && expr.args[0]?.kind === 'str'
}

/** `postgresql.ARRAY(sa.String())` → `VARCHAR[]`, PostgreSQL only. */
function arrayType(expr: PyExpr): ColumnType {
  const call = asCall(expr)
  const args = new CallArgs(call, ['item_type', 'as_tuple', 'dimensions', 'zero_indexes'])
  const item = args.get('item_type')
  if (item === undefined) throw new UnsupportedPython('an ARRAY without its item type')
  const inner = columnType(item)
  const postgres = inner.kind === 'raw' && inner.sql.startsWith('athanor-') ? undefined : dialectSql(inner)
  if (postgres === undefined) throw new UnsupportedPython('an ARRAY of a type that differs between dialects')
  return { kind: 'raw', sql: `${postgres}${'[]'.repeat(args.optionalNumber('dimensions') ?? 1)}` }
}

/** PostgreSQL's spelling of the simple types an ARRAY holds. */
function dialectSql(type: ColumnType): string | undefined {
  switch (type.kind) {
    case 'string':
      return type.length === undefined ? 'VARCHAR' : `VARCHAR(${type.length})`
    case 'raw':
      return type.sql
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'boolean':
    case 'text':
    case 'date':
    case 'uuid':
      return type.kind.toUpperCase()
    default:
      return undefined
  }
}
