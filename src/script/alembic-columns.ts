import type { CheckConstraint, Column, DefaultValue, ForeignKeyConstraint, ReferentialAction, UniqueConstraint } from '../schema/types.js'
import { asCall, calleeName, CallArgs, literalString, stringList } from './alembic-args.js'
import { dottedName, UnsupportedPython, type PyExpr } from './alembic-expr.js'
import { columnType } from './alembic-types.js'

/** A `sa.Column(...)`, with the foreign keys written inside it (`sa.ForeignKey('user.id')`). */
export interface ParsedColumn {
  readonly column: Column
  readonly foreignKeys: readonly ForeignKeyConstraint[]
  /** `autoincrement=` as written: true, false, or absent/'auto' (SQLAlchemy decides). */
  readonly autoincrement: boolean | 'auto'
  /** `sa.Identity()` among the arguments: an identity column where SQLAlchemy would write SERIAL. */
  readonly identity: boolean
  /** `index=True`: SQLAlchemy creates `ix_<table>_<column>` after the table (unique with `unique=True`). */
  readonly index: boolean
  /** `index=True, unique=True`: the index is unique. */
  readonly uniqueIndex: boolean
}

/**
 * `server_default='0'` is a literal, `sa.text('now()')` SQL; `sa.func.now()`
 * is the one function call autogenerate commonly renders, and is SQL too.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const tokens = tokenizePython("sa.text('CURRENT_TIMESTAMP')")[0]!.tokens
 * serverDefault(parseExpression(tokens)) // { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }
 */
export function serverDefault(expr: PyExpr): DefaultValue {
  if (expr.kind === 'str') return { kind: 'literal', value: expr.value }
  if (expr.kind === 'call' && calleeName(expr) === 'text' && expr.args.length === 1)
    return { kind: 'expression', sql: literalString(expr.args[0]!, 'sa.text()') }
  // sa.true() / sa.sql.false(): TRUE on PostgreSQL, 1 where booleans are numbers, as athanor's boolean literal.
  const constant = expr.kind === 'call' && expr.args.length === 0 ? calleeName(expr) : undefined
  if (constant === 'true' || constant === 'false') return { kind: 'literal', value: constant === 'true' }
  const func = expr.kind === 'call' ? dottedName(expr.func) : undefined
  if (expr.kind === 'call' && func !== undefined && /^(sa|sqlalchemy)\.func\.\w+$/.test(func) && expr.args.length === 0) {
    return { kind: 'expression', sql: `${func.split('.').at(-1)}()` }
  }
  throw new UnsupportedPython('a server_default that is not a string, sa.text() or sa.func.NAME()')
}

/**
 * A `sa.Column(name, type, *foreign_keys, **options)`.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * parseColumn(parseExpression(tokenizePython("sa.Column('email', sa.String(120), nullable=True)")[0]!.tokens)).column
 * // { name: 'email', type: { kind: 'string', length: 120 }, nullable: true }
 */
export function parseColumn(expr: PyExpr): ParsedColumn {
  if (expr.kind !== 'call' || calleeName(expr) !== 'Column') throw new UnsupportedPython('a column that is not sa.Column(...)')
  const [nameArg, typeArg, ...rest] = expr.args
  if (nameArg === undefined || typeArg === undefined) throw new UnsupportedPython('sa.Column() without a name and a type')
  const args = new CallArgs(
    { ...expr, args: [] },
    [],
    ['nullable', 'primary_key', 'autoincrement', 'server_default', 'unique', 'comment', 'index'],
    ['default', 'onupdate', 'info', 'doc', 'key', 'quote'],
  )
  const name = literalString(nameArg, 'a column name')
  const identity = rest.some((arg) => calleeName(arg) === 'Identity')
  const foreignKeys = rest.filter((arg) => calleeName(arg) !== 'Identity').map((arg) => inlineForeignKey(arg, name))
  const nullable = args.optionalBoolean('nullable')
  const primaryKey = args.optionalBoolean('primary_key')
  const unique = args.optionalBoolean('unique')
  const comment = args.optionalString('comment')
  const defaultExpr = args.get('server_default')
  const auto = args.get('autoincrement')
  const autoincrement =
    auto === undefined || (auto.kind === 'str' && auto.value === 'auto') ? 'auto' : args.optionalBoolean('autoincrement')!
  const column: Column = {
    name,
    type: columnType(typeArg),
    ...(nullable === undefined ? {} : { nullable }),
    ...(primaryKey === true ? { primaryKey } : {}),
    ...(defaultExpr === undefined ? {} : { serverDefault: serverDefault(defaultExpr) }),
    // With index=True the uniqueness is the index's, as SQLAlchemy makes it.
    ...(unique === true && args.optionalBoolean('index') !== true ? { unique } : {}),
    ...(comment === undefined ? {} : { comment }),
  }
  const index = args.optionalBoolean('index') === true
  return { column, foreignKeys, autoincrement, identity, index, uniqueIndex: index && unique === true }
}

const ACTIONS = new Set<string>(['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'])

/**
 * `ondelete=`/`onupdate=` as an athanor action; an unknown one is left to a person.
 *
 * @example
 * import { asCall, CallArgs } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const tokens = tokenizePython("sa.ForeignKey('users.id', ondelete='CASCADE')")[0]!.tokens
 * const args = new CallArgs(asCall(parseExpression(tokens)), ['column'], ['ondelete'])
 * referentialAction(args, 'ondelete') // 'CASCADE'
 */
export function referentialAction(args: CallArgs, key: string): ReferentialAction | undefined {
  const value = args.optionalString(key)
  if (value === undefined) return undefined
  const upper = value.toUpperCase()
  if (!ACTIONS.has(upper)) throw new UnsupportedPython(`${key}='${value}'`)
  return upper as ReferentialAction
}

/** What sa.ForeignKey and sa.ForeignKeyConstraint take besides their columns. */
const FOREIGN_KEY_KEYWORDS = ['name', 'ondelete', 'onupdate', 'deferrable', 'initially']

/**
 * `deferrable=` and `initially=` as the database keeps them. SQLAlchemy
 * writes `INITIALLY DEFERRED` even without `deferrable=True`, and
 * PostgreSQL makes such a key deferrable; `deferrable=False` and
 * `initially='IMMEDIATE'` are what a key is without them.
 *
 * @example
 * import { asCall, CallArgs } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const tokens = tokenizePython("sa.ForeignKey('b.id', initially='DEFERRED')")[0]!.tokens
 * deferral(new CallArgs(asCall(parseExpression(tokens)), ['column'], ['deferrable', 'initially']))
 * // { deferrable: true, initiallyDeferred: true }
 */
export function deferral(args: CallArgs): { deferrable?: true; initiallyDeferred?: true } {
  const initially = args.optionalString('initially')?.toUpperCase()
  if (initially !== undefined && initially !== 'DEFERRED' && initially !== 'IMMEDIATE')
    throw new UnsupportedPython(`initially='${initially}'`)
  if (initially === 'DEFERRED') return { deferrable: true, initiallyDeferred: true }
  return args.optionalBoolean('deferrable') === true ? { deferrable: true } : {}
}

/** `'user.id'` → table `user`, column `id`; `'auth.user.id'` adds the schema. */
function splitReference(reference: string): { table: string; column: string; schema?: string } {
  const parts = reference.split('.')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === ''))
    throw new UnsupportedPython(`the foreign key target '${reference}'`)
  const column = parts.at(-1)!
  const table = parts.at(-2)!
  return parts.length === 3 ? { schema: parts[0]!, table, column } : { table, column }
}

function inlineForeignKey(expr: PyExpr, column: string): ForeignKeyConstraint {
  if (expr.kind !== 'call' || calleeName(expr) !== 'ForeignKey')
    throw new UnsupportedPython(
      `sa.Column('${column}', ...) with ${dottedName(asCall(expr).func) ?? 'an argument'} that is not sa.ForeignKey`,
    )
  const args = new CallArgs(expr, ['column'], FOREIGN_KEY_KEYWORDS)
  const target = splitReference(args.string('column'))
  return foreignKey(args, [column], target.table, target.schema, [target.column])
}

function foreignKey(
  args: CallArgs,
  columns: string[],
  table: string,
  schema: string | undefined,
  referred: string[],
): ForeignKeyConstraint {
  const name = args.optionalString('name')
  const onDelete = referentialAction(args, 'ondelete')
  const onUpdate = referentialAction(args, 'onupdate')
  return {
    ...(name === undefined ? {} : { name }),
    columns,
    referredTable: table,
    ...(schema === undefined ? {} : { referredSchema: schema }),
    referredColumns: referred,
    ...(onDelete === undefined ? {} : { onDelete }),
    ...(onUpdate === undefined ? {} : { onUpdate }),
    ...deferral(args),
  }
}

/** The table-level items `op.create_table` takes after its columns. */
export type TableItem =
  | { readonly kind: 'primary'; readonly columns: readonly string[]; readonly name?: string }
  | { readonly kind: 'foreign'; readonly constraint: ForeignKeyConstraint }
  | { readonly kind: 'unique'; readonly constraint: UniqueConstraint }
  | { readonly kind: 'check'; readonly constraint: CheckConstraint }

/**
 * `sa.PrimaryKeyConstraint`, `sa.ForeignKeyConstraint`, `sa.UniqueConstraint`
 * or `sa.CheckConstraint` as written inside `op.create_table`.
 *
 * @example
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * tableItem(parseExpression(tokenizePython("sa.PrimaryKeyConstraint('id')")[0]!.tokens)) // { kind: 'primary', columns: ['id'] }
 */
export function tableItem(expr: PyExpr): TableItem {
  const kind = calleeName(expr)
  if (expr.kind !== 'call') throw new UnsupportedPython('a create_table argument that is not a column or constraint')
  const named = (args: CallArgs) => {
    const name = args.optionalString('name')
    return name === undefined ? {} : { name }
  }
  if (kind === 'PrimaryKeyConstraint' || kind === 'UniqueConstraint') {
    const columns = expr.args.map((arg) => literalString(arg, `${kind} column`))
    const args = new CallArgs({ ...expr, args: [] }, [], ['name'])
    return kind === 'PrimaryKeyConstraint'
      ? { kind: 'primary', columns, ...named(args) }
      : { kind: 'unique', constraint: { columns, ...named(args) } }
  }
  if (kind === 'ForeignKeyConstraint') {
    const args = new CallArgs(expr, ['columns', 'refcolumns'], FOREIGN_KEY_KEYWORDS)
    const targets = stringList(args.get('refcolumns') ?? { kind: 'list', items: [] }, 'refcolumns').map(splitReference)
    const first = targets[0]
    if (first === undefined || targets.some((t) => t.table !== first.table || t.schema !== first.schema))
      throw new UnsupportedPython('a ForeignKeyConstraint to several tables')
    return {
      kind: 'foreign',
      constraint: foreignKey(
        args,
        args.strings('columns'),
        first.table,
        first.schema,
        targets.map((t) => t.column),
      ),
    }
  }
  if (kind === 'CheckConstraint') {
    const args = new CallArgs(expr, ['sqltext'], ['name'])
    const sqltext = args.get('sqltext')
    const expression =
      sqltext !== undefined && sqltext.kind === 'call' && calleeName(sqltext) === 'text' && sqltext.args[0]
        ? literalString(sqltext.args[0], 'sa.text()')
        : args.string('sqltext')
    return { kind: 'check', constraint: { expression, ...named(args) } }
  }
  throw new UnsupportedPython(`${dottedName(expr.func) ?? 'a call'} inside create_table`)
}
