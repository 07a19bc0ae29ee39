import {
  isBatchOperation,
  type BatchOperation,
  type ColumnChanges,
  type ConstraintType,
  type Operation,
  type TableRef,
} from '../ops/operation.js'
import type { DialectName } from '../core/dialect-name.js'
import type { Column } from '../schema/types.js'
import { calleeName, CallArgs, literalString } from './alembic-args.js'
import { deferral, parseColumn, referentialAction, serverDefault } from './alembic-columns.js'
import { bulkInsertOperation } from './alembic-bulk-insert.js'
import { createTable } from './alembic-create-table.js'
import { INDEX_OPTION_KEYWORDS, indexOptions } from './alembic-index-options.js'
import { UnsupportedPython, type PyCall, type PyExpr } from './alembic-expr.js'
import { executeOperation } from './alembic-execute.js'
import { columnType } from './alembic-types.js'

/**
 * The `op.*` calls translated, with Alembic's own parameter names and order
 * (https://alembic.sqlalchemy.org/en/latest/ops.html). In a batch
 * (`with op.batch_alter_table('t') as batch_op:`) the table is implied and
 * the first parameter is left out; `table` carries it.
 */
type Translator = (call: PyCall, batch: TableRef | undefined) => Operation

const SCHEMA = ['schema']

function ref(args: CallArgs, batch: TableRef | undefined, key = 'table_name'): TableRef {
  if (batch !== undefined) return batch
  const schema = args.optionalString('schema')
  return { table: args.string(key), ...(schema === undefined ? {} : { schema }) }
}

/** Positional parameters, without the table's when in a batch. */
const params = (batch: TableRef | undefined, withTable: readonly string[], table = 'table_name') =>
  batch ? withTable.filter((p) => p !== table) : withTable
const keywords = (batch: TableRef | undefined, extra: readonly string[] = []) => (batch ? extra : [...SCHEMA, ...extra])

function columnOnly(expr: PyExpr | undefined): Column {
  if (expr === undefined) throw new UnsupportedPython('add_column() without a column')
  const parsed = parseColumn(expr)
  if (parsed.foreignKeys.length > 0) throw new UnsupportedPython('add_column() of a column with sa.ForeignKey in a batch')
  if (parsed.index) throw new UnsupportedPython('add_column() of a column with index=True in a batch')
  return parsed.column
}

/**
 * `op.add_column(t, sa.Column(..., sa.ForeignKey(...), index=True))` as
 * Alembic runs it: ADD COLUMN, then each foreign key as its own ADD
 * CONSTRAINT, then the index SQLAlchemy names `ix_<table>_<column>`
 * (alembic/operations/toimpl.py, add_column). Alembic cannot add the foreign
 * key on SQLite; athanor rebuilds the table there.
 */
function addColumnWithKeys(call: PyCall): Operation[] {
  const args = new CallArgs(call, ['table_name', 'column'], SCHEMA)
  const expr = args.get('column')
  if (expr === undefined) throw new UnsupportedPython('add_column() without a column')
  const parsed = parseColumn(expr)
  const table = ref(args, undefined)
  const name = parsed.column.name
  return [
    { kind: 'add_column', ...table, column: parsed.column },
    ...parsed.foreignKeys.map((constraint): Operation => ({ kind: 'create_foreign_key', ...table, constraint })),
    ...(parsed.index
      ? [
          {
            kind: 'create_index',
            ...table,
            index: { name: `ix_${table.table}_${name}`, columns: [name], ...(parsed.uniqueIndex ? { unique: true } : {}) },
          } as const,
        ]
      : []),
  ]
}

const WHERE_KEYWORDS: Readonly<Record<string, DialectName>> = { postgresql_where: 'postgresql', sqlite_where: 'sqlite' }

/**
 * The predicates of `op.create_index(..., postgresql_where=..., sqlite_where=...)`
 * by dialect: SQLAlchemy makes the index partial on that dialect only and a
 * full index elsewhere.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * const call = asCall(parseExpression(tokenizePython("op.create_index('ix', 't', ['a'], postgresql_where=sa.text('a > 0'))")[0]!.tokens))
 * partialIndexWheres(call) // [['postgresql', 'a > 0']]
 */
export function partialIndexWheres(call: PyCall): [DialectName, string][] {
  if (call.func.kind !== 'attr' || call.func.name !== 'create_index') return []
  return [...call.kwargs]
    .filter(([key]) => key in WHERE_KEYWORDS)
    .map(([key, value]) => [
      WHERE_KEYWORDS[key]!,
      value.kind === 'call' && calleeName(value) === 'text' && value.args.length === 1
        ? literalString(value.args[0]!, 'sa.text()')
        : literalString(value, `create_index(${key}=...)`),
    ])
}

/**
 * The operations one `op.*` call outside a batch makes: one, or for an
 * add_column with foreign keys or an index, the column and then those.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * translateCalls(asCall(parseExpression(tokenizePython("op.drop_column('user', 'email')")[0]!.tokens))).length // 1
 */
export function translateCalls(call: PyCall): Operation[] {
  if (call.func.kind === 'attr' && call.func.name === 'add_column') return addColumnWithKeys(call)
  return [translateCall(call, undefined)].filter((op) => !changesNothing(op))
}

/**
 * An alter_column that names only what the column already is
 * (`existing_type=` alone): Alembic emits no statement for it on any
 * dialect, so the converted script has none either.
 *
 * @example
 * changesNothing({ kind: 'alter_column', table: 't', column: 'name', changes: {} }) // true
 */
export function changesNothing(op: Operation): boolean {
  return op.kind === 'alter_column' && Object.keys(op.changes).length === 0
}

function constraintType(args: CallArgs): ConstraintType | undefined {
  const type = args.optionalString('type_')
  if (type === undefined) return undefined
  if (type !== 'unique' && type !== 'foreignkey' && type !== 'check' && type !== 'primary')
    throw new UnsupportedPython(`drop_constraint(type_='${type}')`)
  return type
}

/** `server_default=None` drops the default; a value sets it. */
function alterChanges(args: CallArgs): ColumnChanges {
  const changes: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {}
  const nullable = args.optionalBoolean('nullable')
  if (nullable !== undefined) changes.nullable = nullable
  const type = args.get('type_')
  if (type !== undefined) changes.type = columnType(type)
  const newName = args.optionalString('new_column_name')
  if (newName !== undefined) changes.newName = newName
  if (args.has('server_default')) {
    const value = args.get('server_default')
    if (!(value?.kind === 'const' && value.value === false)) changes.serverDefault = value === undefined ? null : serverDefault(value)
  }
  const using = args.optionalString('postgresql_using')
  if (using !== undefined) changes.using = using
  if (args.has('comment')) {
    const value = args.get('comment')
    if (!(value?.kind === 'const' && value.value === false)) changes.comment = value === undefined ? null : literalString(value, 'comment')
  }
  return changes
}

/**
 * The column as it was, from `existing_type=` and friends: MySQL's MODIFY
 * needs it. Without `existing_type`, a `type_` change restates the column
 * with the new type and nothing else, as Alembic's MODIFY does on MySQL
 * (`MODIFY c VARCHAR(64) NULL`: nullable, no default).
 */
function existingColumn(args: CallArgs, name: string): Column | undefined {
  const type = args.get('existing_type') ?? args.get('type_')
  if (type === undefined) return undefined
  const nullable = args.optionalBoolean('existing_nullable')
  const value = args.get('existing_server_default')
  const defaulted = value === undefined || (value.kind === 'const' && value.value === false) ? undefined : serverDefault(value)
  return {
    name,
    type: columnType(type),
    ...(nullable === undefined ? {} : { nullable }),
    ...(defaulted ? { serverDefault: defaulted } : {}),
  }
}

const ALTER_KEYWORDS = [
  'postgresql_using',
  'nullable',
  'type_',
  'new_column_name',
  'server_default',
  'comment',
  'existing_type',
  'existing_nullable',
  'existing_server_default',
  'existing_comment',
  'existing_autoincrement',
]

/**
 * `postgresql_concurrently=True`: CREATE/DROP INDEX CONCURRENTLY on
 * PostgreSQL, a plain statement elsewhere (SQLAlchemy ignores it there). The
 * script then runs outside a transaction, as PostgreSQL requires: see
 * {@link needsAutocommit}.
 */
function concurrently(args: CallArgs): { concurrently?: true } {
  return args.optionalBoolean('postgresql_concurrently') === true ? { concurrently: true } : {}
}

/**
 * `mysql_length=20` (every column) or `mysql_length={'name': 20}`: MySQL's
 * index prefix lengths, by column. Other databases index the whole value,
 * as SQLAlchemy drops the argument there.
 */
function indexPrefixLengths(args: CallArgs, columns: readonly string[]): Record<string, number> | undefined {
  const value = args.get('mysql_length')
  if (value === undefined) return undefined
  const length = (expr: PyExpr) => {
    if (expr.kind !== 'num' || !Number.isInteger(expr.value) || expr.value <= 0)
      throw new UnsupportedPython('create_index(mysql_length=...) that is not a positive whole number')
    return expr.value
  }
  if (value.kind !== 'dict') return Object.fromEntries(columns.map((c) => [c, length(value)]))
  const lengths = Object.fromEntries(value.entries.map(([key, n]) => [literalString(key, 'a mysql_length column'), length(n)]))
  const stray = Object.keys(lengths).find((c) => !columns.includes(c))
  if (stray !== undefined) throw new UnsupportedPython(`create_index(mysql_length=...) naming '${stray}', not a column of the index`)
  return lengths
}

/**
 * An operation PostgreSQL refuses inside a transaction block, so the
 * converted script exports `transactional = false`.
 *
 * @example
 * needsAutocommit({ kind: 'drop_index', table: 't', name: 'ix', concurrently: true }) // true
 */
export function needsAutocommit(op: Operation): boolean {
  return (op.kind === 'create_index' || op.kind === 'drop_index') && op.concurrently === true
}

const TRANSLATORS: Readonly<Record<string, Translator>> = {
  create_table: (call, batch) => {
    if (batch) throw new UnsupportedPython('create_table inside a batch')
    return createTable(call)
  },
  drop_table: (call, batch) => {
    if (batch) throw new UnsupportedPython('drop_table inside a batch')
    const args = new CallArgs(call, ['table_name'], SCHEMA)
    return { kind: 'drop_table', ...ref(args, undefined) }
  },
  rename_table: (call, batch) => {
    if (batch) throw new UnsupportedPython('rename_table inside a batch')
    const args = new CallArgs(call, ['old_table_name', 'new_table_name'], SCHEMA)
    return { kind: 'rename_table', ...ref(args, undefined, 'old_table_name'), newName: args.string('new_table_name') }
  },
  add_column: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['table_name', 'column']), keywords(batch))
    return { kind: 'add_column', ...ref(args, batch), column: columnOnly(args.get('column')) }
  },
  drop_column: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['table_name', 'column_name']), keywords(batch), [
      'existing_type',
      'existing_nullable',
      'existing_server_default',
    ])
    return { kind: 'drop_column', ...ref(args, batch), column: args.string('column_name') }
  },
  alter_column: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['table_name', 'column_name']), keywords(batch, ALTER_KEYWORDS))
    const column = args.string('column_name')
    const existing = existingColumn(args, column)
    return { kind: 'alter_column', ...ref(args, batch), column, changes: alterChanges(args), ...(existing ? { existing } : {}) }
  },
  create_index: (call, batch) => {
    // postgresql_where/sqlite_where make a partial index on that dialect only: see partialIndexWheres.
    const args = new CallArgs(
      call,
      params(batch, ['index_name', 'table_name', 'columns']),
      keywords(batch, [
        'unique',
        'mysql_length',
        'postgresql_using',
        ...INDEX_OPTION_KEYWORDS,
        ...(batch ? [] : [...Object.keys(WHERE_KEYWORDS), 'postgresql_concurrently']),
      ]),
    )
    const columns = args.get('columns')
    const items = columns === undefined ? [] : columns.kind === 'list' || columns.kind === 'tuple' ? columns.items : [columns]
    // sa.text('lower(email)') entries make an expression index; mixing them with names is left to a person.
    const texts = items.filter((i) => i.kind === 'call' && calleeName(i) === 'text')
    if (texts.length > 0 && texts.length !== items.length) throw new UnsupportedPython('create_index() mixing column names and sa.text()')
    const names = items.map((i) =>
      i.kind === 'call' && calleeName(i) === 'text' && i.args[0]
        ? literalString(i.args[0], 'sa.text()')
        : literalString(i, 'an index column'),
    )
    const unique = args.optionalBoolean('unique')
    const using = args.optionalString('postgresql_using')
    const prefixLengths = indexPrefixLengths(args, names)
    if (prefixLengths !== undefined && texts.length > 0) throw new UnsupportedPython('create_index(mysql_length=...) over sa.text()')
    return {
      kind: 'create_index',
      ...ref(args, batch),
      index: {
        name: args.string('index_name'),
        columns: names,
        ...(unique === true ? { unique } : {}),
        ...(texts.length > 0 ? { expressions: true } : {}),
        ...(prefixLengths === undefined ? {} : { prefixLengths }),
        ...(using === undefined ? {} : { using }),
        ...indexOptions(args, names),
      },
      ...concurrently(args),
    }
  },
  drop_index: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['index_name', 'table_name']), keywords(batch, batch ? [] : ['postgresql_concurrently']))
    const table = batch?.table ?? args.optionalString('table_name') ?? ''
    const schema = batch?.schema ?? args.optionalString('schema')
    return {
      kind: 'drop_index',
      name: args.string('index_name'),
      table,
      ...(schema === undefined ? {} : { schema }),
      ...concurrently(args),
    }
  },
  create_unique_constraint: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['constraint_name', 'table_name', 'columns']), keywords(batch))
    const name = args.optionalString('constraint_name')
    return {
      kind: 'create_unique_constraint',
      ...ref(args, batch),
      constraint: { ...(name === undefined ? {} : { name }), columns: args.strings('columns') },
    }
  },
  create_foreign_key: (call, batch) => {
    const positional = batch
      ? ['constraint_name', 'referent_table', 'local_cols', 'remote_cols']
      : ['constraint_name', 'source_table', 'referent_table', 'local_cols', 'remote_cols']
    const keywords = ['onupdate', 'ondelete', 'deferrable', 'initially', 'referent_schema', ...(batch ? [] : ['source_schema'])]
    const args = new CallArgs(call, positional, keywords)
    const name = args.optionalString('constraint_name')
    const sourceSchema = args.optionalString('source_schema')
    const referredSchema = args.optionalString('referent_schema')
    const onDelete = referentialAction(args, 'ondelete')
    const onUpdate = referentialAction(args, 'onupdate')
    return {
      kind: 'create_foreign_key',
      ...(batch ?? { table: args.string('source_table'), ...(sourceSchema === undefined ? {} : { schema: sourceSchema }) }),
      constraint: {
        ...(name === undefined ? {} : { name }),
        columns: args.strings('local_cols'),
        referredTable: args.string('referent_table'),
        ...(referredSchema === undefined ? {} : { referredSchema }),
        referredColumns: args.strings('remote_cols'),
        ...(onDelete === undefined ? {} : { onDelete }),
        ...(onUpdate === undefined ? {} : { onUpdate }),
        ...deferral(args),
      },
    }
  },
  create_check_constraint: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['constraint_name', 'table_name', 'condition']), keywords(batch))
    const name = args.optionalString('constraint_name')
    const condition = args.get('condition')
    if (condition === undefined) throw new UnsupportedPython('create_check_constraint() without a condition')
    // A string or sa.text(): SQL written as is, as SQLAlchemy does; an expression built in Python is left to a person.
    const expression =
      condition.kind === 'call' && calleeName(condition) === 'text' && condition.args.length === 1
        ? literalString(condition.args[0]!, 'sa.text()')
        : literalString(condition, 'create_check_constraint(condition=...)')
    return { kind: 'create_check_constraint', ...ref(args, batch), constraint: { ...(name === undefined ? {} : { name }), expression } }
  },
  drop_constraint: (call, batch) => {
    const args = new CallArgs(call, params(batch, ['constraint_name', 'table_name', 'type_']), keywords(batch))
    const type = constraintType(args)
    // None: a constraint the database named; the body reader addresses it by its columns (addressUnnamed).
    const name = args.optionalString('constraint_name') ?? ''
    return { kind: 'drop_constraint', ...ref(args, batch), name, ...(type === undefined ? {} : { type }) }
  },
  bulk_insert: (call, batch) => {
    if (batch) throw new UnsupportedPython('bulk_insert inside a batch')
    return bulkInsertOperation(call)
  },
  execute: (call, batch) => {
    if (batch) throw new UnsupportedPython('execute inside a batch')
    // Alembic's op.execute takes the statement and execution options, no parameters.
    new CallArgs(call, ['sqltext', 'execution_options'])
    return executeOperation({ ...call, args: call.args.slice(0, 1), kwargs: new Map() })
  },
}

/**
 * One `op.NAME(...)` call (or `batch_op.NAME(...)` with the batch's table)
 * as an athanor operation; anything it cannot translate exactly throws
 * {@link UnsupportedPython} with the reason.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * translateCall(asCall(parseExpression(tokenizePython("op.drop_column('user', 'email')")[0]!.tokens)), undefined)
 * // { kind: 'drop_column', table: 'user', column: 'email' }
 */
export function translateCall(call: PyCall, batch: TableRef | undefined): Operation {
  const name = call.func.kind === 'attr' ? call.func.name : undefined
  const translate = name === undefined ? undefined : TRANSLATORS[name]
  if (translate === undefined) throw new UnsupportedPython(`op.${name ?? '?'}() is not translated`)
  return translate(call, batch)
}

/**
 * Narrows an operation made inside a batch to the kinds a batch may hold.
 *
 * @example
 * import { asCall } from './alembic-args.js'
 * import { parseExpression } from './alembic-expr.js'
 * import { tokenizePython } from './alembic-tokens.js'
 * asBatchOperation(translateCall(asCall(parseExpression(tokenizePython("batch_op.drop_column('email')")[0]!.tokens)), { table: 'user' }))
 * // { kind: 'drop_column', table: 'user', column: 'email' }
 */
export function asBatchOperation(op: Operation): BatchOperation {
  if (!isBatchOperation(op)) throw new UnsupportedPython(`${op.kind} inside a batch`)
  return op as BatchOperation
}
