import type { ColumnType } from '../schema/types.js'
import { asCall, calleeName, CallArgs, literalString } from './alembic-args.js'
import { UnsupportedPython, type PyExpr } from './alembic-expr.js'

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

const timestamp: [readonly string[], TypeReader] = [
  ['timezone'],
  (args) => (args.optionalBoolean('timezone') === true ? { kind: 'timestamp', withTimeZone: true } : { kind: 'timestamp' }),
]

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
  Float: plain('double'),
  FLOAT: plain('double'),
  Double: plain('double'),
  DOUBLE: plain('double'),
  DOUBLE_PRECISION: plain('double'),
  REAL: plain('real'),
  Date: plain('date'),
  DATE: plain('date'),
  Time: plain('time'),
  TIME: plain('time'),
  DateTime: timestamp,
  DATETIME: timestamp,
  TIMESTAMP: timestamp,
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

const IGNORED = ['asdecimal', 'decimal_return_scale', 'as_uuid', 'none_as_null', 'astext_type', 'native_uuid']

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
  if (name === 'Enum') return enumType(expr)
  const entry = name === undefined ? undefined : TYPES[name]
  if (entry === undefined) throw new UnsupportedPython(`the column type ${name ?? 'expression'}`)
  const [positional, read] = entry
  return read(new CallArgs(asCall(expr), positional, [], IGNORED))
}

/** `sa.Enum('a', 'b', name='mood')`: the values are positional. */
function enumType(expr: PyExpr): ColumnType {
  const call = asCall(expr)
  const values = call.args.map((arg) => literalString(arg, 'an Enum value'))
  if (values.length === 0) throw new UnsupportedPython('an Enum of a Python enum class')
  const args = new CallArgs({ ...call, args: [] }, [], ['name'], ['inherit_schema', 'validate_strings'])
  const name = args.optionalString('name')
  return { kind: 'enum', values, ...(name === undefined ? {} : { name }) }
}
