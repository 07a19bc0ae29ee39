import type { CreateTableOp } from '../ops/operation.js'
import type { Column, ForeignKeyConstraint, MysqlTableOptions, Table } from '../schema/types.js'
import { calleeName, CallArgs } from './alembic-args.js'
import { parseColumn, tableItem, type ParsedColumn } from './alembic-columns.js'
import { sqlalchemySerial } from './alembic-dialect-types.js'
import { UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'

const INTEGERS = new Set(['integer', 'smallint', 'bigint'])

/**
 * SQLAlchemy's `autoincrement='auto'`: the one integer column of a
 * single-column primary key with no foreign key, on the column
 * (`sa.ForeignKey`) or the table (`sa.ForeignKeyConstraint`), is numbered
 * by the database (SERIAL, AUTO_INCREMENT); `autoincrement=True` asks for it.
 * https://docs.sqlalchemy.org/en/20/core/metadata.html#sqlalchemy.schema.Column.params.autoincrement
 */
function autoincrementColumn(
  parsed: readonly ParsedColumn[],
  pk: readonly string[],
  foreignKeys: readonly ForeignKeyConstraint[],
): string | undefined {
  if (pk.length !== 1) return undefined
  const entry = parsed.find((p) => p.column.name === pk[0])
  if (entry === undefined || entry.autoincrement === false || !INTEGERS.has(entry.column.type.kind)) return undefined
  if (entry.autoincrement === 'auto' && foreignKeys.some((fk) => fk.columns.includes(entry.column.name))) return undefined
  return entry.column.name
}

/**
 * `mysql_auto_increment='1000'` (SQLAlchemy writes the value into
 * `AUTO_INCREMENT=...` as it is, so a string is the usual spelling) or
 * `1000`: the number the table's AUTO_INCREMENT column starts at. Anything
 * but a whole number from 1 is left to a person rather than guessed.
 */
function autoIncrementStart(value: PyExpr | undefined): number | undefined {
  if (value === undefined) return undefined
  const start = value.kind === 'num' ? value.value : value.kind === 'str' && /^[0-9]+$/.test(value.value) ? Number(value.value) : Number.NaN
  if (!Number.isSafeInteger(start) || start < 1)
    throw new UnsupportedPython('create_table(mysql_auto_increment=...) that is not a whole number from 1')
  return start
}

/**
 * `op.create_table(name, *columns_and_constraints, schema=..., mysql_engine=...)`.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const tokens = tokenizePython("op.create_table('user', sa.Column('id', sa.Integer(), primary_key=True))")[0]!.tokens
 * createTable(asCall(parseExpression(tokens)))
 * // {
 * //   kind: 'create_table',
 * //   table: { name: 'user', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true }] },
 * // }
 */
export function createTable(call: PyCall): CreateTableOp {
  const [nameArg, ...items] = call.args
  const args = new CallArgs(
    { ...call, args: nameArg ? [nameArg] : [] },
    ['table_name'],
    ['schema', 'comment', 'mysql_engine', 'mysql_charset', 'mysql_default_charset', 'mysql_collate', 'mysql_auto_increment'],
  )
  const name = args.string('table_name')
  const parsed: ParsedColumn[] = []
  const foreignKeys: ForeignKeyConstraint[] = []
  const table: { -readonly [K in keyof Table]: Table[K] } = { name, columns: [] }
  for (const item of items) {
    // `op.create_table('t', sa.MetaData(), ...)`: SQLAlchemy's Table takes a MetaData there; it adds nothing to the DDL.
    if (item.kind === 'call' && calleeName(item) === 'MetaData' && item.args.length === 0 && item.kwargs.size === 0) continue
    if (calleeName(item) === 'Column') {
      const column = parseColumn(item)
      parsed.push(column)
      foreignKeys.push(...column.foreignKeys)
      continue
    }
    const constraint = tableItem(item)
    if (constraint.kind === 'primary') {
      if (table.primaryKey !== undefined) throw new UnsupportedPython('two primary keys in one create_table')
      table.primaryKey = { columns: constraint.columns, ...(constraint.name === undefined ? {} : { name: constraint.name }) }
    } else if (constraint.kind === 'foreign') foreignKeys.push(constraint.constraint)
    else if (constraint.kind === 'unique') table.uniqueConstraints = [...(table.uniqueConstraints ?? []), constraint.constraint]
    else table.checkConstraints = [...(table.checkConstraints ?? []), constraint.constraint]
  }
  if (parsed.length === 0) throw new UnsupportedPython(`create_table('${name}') without sa.Column arguments`)
  const pk = table.primaryKey?.columns ?? parsed.filter((p) => p.column.primaryKey === true).map((p) => p.column.name)
  const auto = autoincrementColumn(parsed, pk, foreignKeys)
  // A one-column, unnamed key reads best on its column, as people write it.
  const inline = table.primaryKey !== undefined && table.primaryKey.name === undefined && pk.length === 1
  if (inline) delete table.primaryKey
  const serial = auto !== undefined && parsed.find((p) => p.column.name === auto)?.identity !== true
  table.columns = parsed.map(({ column }): Column => {
    const inKey = pk.includes(column.name)
    const { nullable, ...rest } = column
    return {
      ...rest,
      // A key column is NOT NULL anyway; `nullable=False` on it says nothing more.
      ...(inKey || nullable === undefined ? {} : { nullable }),
      ...(inKey && (inline || column.primaryKey === true) ? { primaryKey: true } : {}),
      ...(column.name === auto ? { autoincrement: true, ...(serial ? { type: sqlalchemySerial(column.type) } : {}) } : {}),
    }
  })
  const indexes = parsed
    .filter((p) => p.index)
    .map((p) => ({ name: `ix_${name}_${p.column.name}`, columns: [p.column.name], ...(p.uniqueIndex ? { unique: true } : {}) }))
  if (indexes.length > 0) table.indexes = indexes
  if (foreignKeys.length > 0) table.foreignKeys = foreignKeys
  const schema = args.optionalString('schema')
  if (schema !== undefined) table.schema = schema
  const comment = args.optionalString('comment')
  if (comment !== undefined) table.comment = comment
  const mysql: { -readonly [K in keyof MysqlTableOptions]: MysqlTableOptions[K] } = {}
  const engine = args.optionalString('mysql_engine')
  const charset = args.optionalString('mysql_charset') ?? args.optionalString('mysql_default_charset')
  const collate = args.optionalString('mysql_collate')
  if (engine !== undefined) mysql.engine = engine
  if (charset !== undefined) mysql.charset = charset
  if (collate !== undefined) mysql.collate = collate
  const start = autoIncrementStart(args.get('mysql_auto_increment'))
  if (start !== undefined) mysql.autoIncrement = start
  if (Object.keys(mysql).length > 0) table.mysql = mysql
  return { kind: 'create_table', table }
}

/**
 * `op.create_table('t', ..., sa.Index('ix_t_a', 'a', unique=True, postgresql_using='gin'))`:
 * SQLAlchemy creates each such index right after the table, with the
 * arguments `op.create_index` takes. The table's call without them, then one
 * `op.create_index('ix_t_a', 't', ['a'], unique=True, ...)` call per index
 * (on the table's schema), so every keyword option, a dialect's partial
 * predicate included, is translated as create_index translates it.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const source = "op.create_table('t', sa.Column('a', sa.Integer()), sa.Index('ix_t_a', 'a', unique=True))"
 * const { indexes } = tableIndexCalls(asCall(parseExpression(tokenizePython(source)[0]!.tokens)))
 * indexes.length // 1: op.create_index('ix_t_a', 't', ['a'], unique=True)
 */
export function tableIndexCalls(call: PyCall): { readonly table: PyCall; readonly indexes: readonly PyCall[] } {
  const [tableName, ...items] = call.args
  const isIndex = (item: PyExpr): item is PyCall => item.kind === 'call' && calleeName(item) === 'Index'
  if (tableName === undefined || !items.some(isIndex)) return { table: call, indexes: [] }
  const schema = call.kwargs.get('schema')
  const indexes = items.filter(isIndex).map((index): PyCall => {
    const { name: keywordName, ...rest } = Object.fromEntries(index.kwargs)
    const [positionalName, ...expressions] = index.args
    const name = positionalName ?? keywordName
    if (name === undefined) throw new UnsupportedPython('sa.Index() without a name inside create_table')
    return {
      kind: 'call',
      func: { kind: 'attr', object: { kind: 'name', id: 'op' }, name: 'create_index' },
      args: [name, tableName, { kind: 'list', items: positionalName === undefined ? index.args : expressions }],
      kwargs: new Map([...Object.entries(rest), ...(schema === undefined ? [] : [['schema', schema] as const])]),
    }
  })
  return { table: { ...call, args: [tableName, ...items.filter((item) => !isIndex(item))] }, indexes }
}
