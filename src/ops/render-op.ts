import type { Column, ForeignKeyConstraint, Table, UniqueConstraint } from '../schema/types.js'
import { viewBehaviour } from '../schema/view.js'
import type {
  AlterColumnOp,
  BatchAlterTableOp,
  BatchOperation,
  ColumnPlace,
  OnlineDdl,
  Operation,
  OperationKind,
  OperationOf,
  TableRef,
} from './operation.js'
import { pgObjectRenderers } from './render-pg-objects.js'
import type { RenameConstraintOp } from './rename-ops.js'
import { storedCodeRenderers } from './render-stored-code.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Renderer<K extends OperationKind> = (op: OperationOf<K>, imports: RenderImports) => string

const I = '    '

/** Trailing options argument: `, { a: 1 }` or nothing when empty. */
function options(values: Record<string, unknown>, imports: RenderImports): string {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== false))
  return Object.keys(present).length === 0 ? '' : `, ${renderData(present, imports)}`
}

const schemaOf = (ref: TableRef) => ({ schema: ref.schema })
const online = (op: OnlineDdl) => ({ algorithm: op.algorithm, lock: op.lock })
const placed = (op: ColumnPlace) => ({ first: op.first, after: op.after })

/**
 * A renamed foreign key as it is, without its name (the call names it):
 * MySQL, which renames none, adds it again from this.
 */
function foreignKeyRenamed(op: RenameConstraintOp): Omit<ForeignKeyConstraint, 'name'> | undefined {
  if (op.type !== 'foreignkey' || op.existing === undefined || !('referredTable' in op.existing)) return undefined
  const { name: _name, ...key } = op.existing
  return key
}

/** A column for the facade: `nullable: false` only when it is not implied by the key. */
function column(c: Column, imports: RenderImports): string {
  const { name, type, nullable, ...rest } = c
  const shown = c.primaryKey === true || nullable !== false ? {} : { nullable }
  return renderData({ name, type, ...shown, ...rest }, imports)
}

function createTable(table: Table, imports: RenderImports): string {
  const { name, schema, columns, ...rest } = table
  const lines = columns.map((c) => `${I}${column(c, imports)},`)
  const extra = Object.entries({ schema, ...rest }).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
  const tail = extra.length === 0 ? '' : `, {\n${extra.map(([k, v]) => `${I}${k}: ${renderData(v, imports)},`).join('\n')}\n  }`
  return `await op.createTable(${quote(name)}, [\n${lines.join('\n')}\n  ]${tail})`
}

/** What `alterColumn` takes after the column name. */
function alterInput(op: AlterColumnOp, schema: string | undefined, imports: RenderImports): string {
  return renderData({ ...op.changes, schema, existing: op.existing, safe: op.safe, ...online(op) }, imports)
}

const actions = (fk: ForeignKeyConstraint) => ({ onDelete: fk.onDelete, onUpdate: fk.onUpdate })
const deferral = (fk: ForeignKeyConstraint) => ({
  matchFull: fk.matchFull,
  deferrable: fk.deferrable,
  initiallyDeferred: fk.initiallyDeferred,
})
const uniqueDeferral = (uq: UniqueConstraint) => ({
  deferrable: uq.deferrable,
  initiallyDeferred: uq.initiallyDeferred,
  nullsNotDistinct: uq.nullsNotDistinct,
  include: uq.include,
})

const nameOrNull = (name: string | undefined) => (name === undefined || name === '' ? 'null' : quote(name))

type BatchKind = BatchOperation['kind']

/**
 * A batch's changes as calls on its `batch` argument, which supplies the
 * table and schema. The `existing` of drops is not written, as for their
 * `op` forms: only the reverse reads it, and downgrades are rendered from the
 * reversed operations, not from this text; SQLite's rebuild reads the live
 * table.
 */
const batchRenderers: { readonly [K in BatchKind]: Renderer<K> } = {
  add_column: (op, imports) => `batch.addColumn(${column(op.column, imports)})`,
  drop_column: (op) => `batch.dropColumn(${quote(op.column)})`,
  alter_column: (op, imports) => `batch.alterColumn(${quote(op.column)}, ${alterInput(op, undefined, imports)})`,
  create_index: (op, imports) => {
    const { name, columns, ...rest } = op.index
    return `batch.createIndex(${quote(name)}, ${renderData(columns, imports)}${options(rest, imports)})`
  },
  drop_index: (op) => `batch.dropIndex(${quote(op.name)})`,
  create_unique_constraint: (op, imports) =>
    `batch.createUniqueConstraint(${nameOrNull(op.constraint.name)}, ${renderData(op.constraint.columns, imports)}` +
    `${options(uniqueDeferral(op.constraint), imports)})`,
  create_foreign_key: (op, imports) => {
    const fk = op.constraint
    const rest = { ...actions(fk), referentSchema: fk.referredSchema, ...deferral(fk) }
    return (
      `batch.createForeignKey(${nameOrNull(fk.name)}, ${quote(fk.referredTable)}, ` +
      `${renderData(fk.columns, imports)}, ${renderData(fk.referredColumns, imports)}${options(rest, imports)})`
    )
  },
  create_check_constraint: (op) => `batch.createCheckConstraint(${nameOrNull(op.constraint.name)}, ${quote(op.constraint.expression)})`,
  // An unnamed constraint (SQLite's) is addressed by `columns`, a check by `expression`.
  drop_constraint: (op, imports) =>
    `batch.dropConstraint(${nameOrNull(op.name)}${options({ type: op.type, columns: op.columns, expression: op.expression }, imports)})`,
}

function batchAlterTable(op: BatchAlterTableOp, imports: RenderImports): string {
  const calls = op.ops.map((sub) => {
    const render = batchRenderers[sub.kind] as (op: BatchOperation, imports: RenderImports) => string
    return `${I}${render(sub, imports)}\n`
  })
  // 'auto' is batchAlterTable's default, so only the others are written.
  const tail = options({ schema: op.schema, recreate: op.recreate === 'auto' ? undefined : op.recreate }, imports)
  return calls.length === 0
    ? `await op.batchAlterTable(${quote(op.table)}, () => {}${tail})`
    : `await op.batchAlterTable(${quote(op.table)}, (batch) => {\n${calls.join('')}  }${tail})`
}

const renderers: { readonly [K in OperationKind]: Renderer<K> } = {
  create_table: (op, imports) => createTable(op.table, imports),
  drop_table: (op, imports) => `await op.dropTable(${quote(op.table)}${options(schemaOf(op), imports)})`,
  rename_table: (op, imports) => `await op.renameTable(${quote(op.table)}, ${quote(op.newName)}${options(schemaOf(op), imports)})`,
  set_table_comment: (op, imports) =>
    `await op.setTableComment(${quote(op.table)}, ${op.comment === null ? 'null' : quote(op.comment)}` +
    `${options({ ...schemaOf(op), existing: op.existing }, imports)})`,
  add_column: (op, imports) =>
    `await op.addColumn(${quote(op.table)}, ${column(op.column, imports)}` +
    `${options({ ...schemaOf(op), ...online(op), ...placed(op) }, imports)})`,
  drop_column: (op, imports) =>
    `await op.dropColumn(${quote(op.table)}, ${quote(op.column)}${options({ ...schemaOf(op), ...online(op) }, imports)})`,
  alter_column: (op, imports) => `await op.alterColumn(${quote(op.table)}, ${quote(op.column)}, ${alterInput(op, op.schema, imports)})`,
  create_index: (op, imports) => {
    const { name, columns, ...rest } = op.index
    const given = { ...rest, ...schemaOf(op), concurrently: op.concurrently, ifNotExists: op.ifNotExists, ...online(op) }
    return `await op.createIndex(${quote(name)}, ${quote(op.table)}, ${renderData(columns, imports)}${options(given, imports)})`
  },
  drop_index: (op, imports) => {
    const rest = { table: op.table || undefined, ...schemaOf(op), concurrently: op.concurrently, ifExists: op.ifExists, ...online(op) }
    return `await op.dropIndex(${quote(op.name)}${options(rest, imports)})`
  },
  create_unique_constraint: (op, imports) =>
    `await op.createUniqueConstraint(${op.constraint.name === undefined ? 'null' : quote(op.constraint.name)}, ${quote(op.table)}, ` +
    `${renderData(op.constraint.columns, imports)}${options({ ...schemaOf(op), ...uniqueDeferral(op.constraint) }, imports)})`,
  create_foreign_key: (op, imports) => {
    const fk = op.constraint
    const rest = {
      ...actions(fk),
      sourceSchema: op.schema,
      referentSchema: fk.referredSchema,
      ...deferral(fk),
      notValid: op.notValid,
      orReplace: op.orReplace,
      ifNotExists: op.ifNotExists,
    }
    return (
      `await op.createForeignKey(${fk.name === undefined ? 'null' : quote(fk.name)}, ${quote(op.table)}, ${quote(fk.referredTable)}, ` +
      `${renderData(fk.columns, imports)}, ${renderData(fk.referredColumns, imports)}${options(rest, imports)})`
    )
  },
  create_check_constraint: (op, imports) => {
    const rest = options({ ...schemaOf(op), notValid: op.notValid, noInherit: op.constraint.noInherit, orReplace: op.orReplace }, imports)
    const { name, expression } = op.constraint
    return `await op.createCheckConstraint(${quote(name ?? '')}, ${quote(op.table)}, ${quote(expression)}${rest})`
  },
  drop_constraint: (op, imports) => {
    const rest = options({ type: op.type, columns: op.columns, expression: op.expression, ifExists: op.ifExists, ...schemaOf(op) }, imports)
    return `await op.dropConstraint(${nameOrNull(op.name)}, ${quote(op.table)}${rest})`
  },
  alter_index: (op, imports) =>
    `await op.alterIndex(${quote(op.table)}, ${quote(op.name)}, ${renderData({ invisible: op.invisible, ...schemaOf(op) }, imports)})`,
  rename_index: (op, imports) =>
    `await op.renameIndex(${quote(op.table)}, ${quote(op.name)}, ${quote(op.newName)}${options(schemaOf(op), imports)})`,
  rename_constraint: (op, imports) =>
    `await op.renameConstraint(${quote(op.table)}, ${quote(op.name)}, ${quote(op.newName)}` +
    `${options({ type: op.type, ...schemaOf(op), existing: foreignKeyRenamed(op) }, imports)})`,
  validate_constraint: (op, imports) =>
    `await op.validateConstraint(${quote(op.table)}, ${quote(op.name)}${options(schemaOf(op), imports)})`,
  execute: (op, imports) => `await op.execute(${quote(op.sql)}${op.params === undefined ? '' : `, ${renderData(op.params, imports)}`})`,
  batch_alter_table: batchAlterTable,
  bulk_insert: (op, imports) =>
    `await op.bulkInsert(${quote(op.table)}, [\n` +
    `${op.rows.map((r) => `${I}${renderData(r, imports)},`).join('\n')}\n  ]${options(schemaOf(op), imports)})`,
  create_view: (op, imports) => {
    const given = {
      schema: op.view.schema,
      materialized: op.view.materialized,
      ...viewBehaviour(op.view),
      orReplace: op.orReplace,
      indexes: op.view.indexes,
      comment: op.view.comment,
      columnNames: op.view.columnNames,
      algorithm: op.view.algorithm,
    }
    return `await op.createView(${quote(op.view.name)}, ${quote(op.view.definition)}${options(given, imports)})`
  },
  drop_view: (op, imports) => {
    const rest = { schema: op.schema, materialized: op.materialized ?? op.existing?.materialized, ifExists: op.ifExists }
    return `await op.dropView(${quote(op.name)}${options(rest, imports)})`
  },
  replace_view: (op, imports) =>
    `await op.replaceView(${quote(op.view.name)}, ${quote(op.view.definition)}` +
    `${options({ schema: op.view.schema, materialized: op.view.materialized, ...viewBehaviour(op.view) }, imports)})`,
  set_view_comment: (op, imports) =>
    `await op.setViewComment(${quote(op.name)}, ${op.comment === null ? 'null' : quote(op.comment)}` +
    `${options({ schema: op.schema, materialized: op.materialized, existing: op.existing }, imports)})`,
  ...pgObjectRenderers,
  ...storedCodeRenderers,
}

/**
 * One operation as the `op` call a person would write, without indentation
 * of the first line.
 *
 * @example
 * renderOperation({ kind: 'drop_column', table: 'users', column: 'email' }, { names: new Set() })
 * // "await op.dropColumn('users', 'email')"
 */
export function renderOperation(op: Operation, imports: RenderImports): string {
  const render = renderers[op.kind] as (op: Operation, imports: RenderImports) => string
  return render(op, imports)
}
