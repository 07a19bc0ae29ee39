import type { Column, Table } from '../schema/types.js'
import type { Operation, OperationKind, OperationOf, TableRef } from './operation.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Renderer<K extends OperationKind> = (op: OperationOf<K>, imports: RenderImports) => string

const I = '    '

/** Trailing options argument: `, { a: 1 }` or nothing when empty. */
function options(values: Record<string, unknown>, imports: RenderImports): string {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== false))
  return Object.keys(present).length === 0 ? '' : `, ${renderData(present, imports)}`
}

const schemaOf = (ref: TableRef) => ({ schema: ref.schema })

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

const renderers: { readonly [K in OperationKind]: Renderer<K> } = {
  create_table: (op, imports) => createTable(op.table, imports),
  drop_table: (op, imports) => `await op.dropTable(${quote(op.table)}${options(schemaOf(op), imports)})`,
  rename_table: (op, imports) => `await op.renameTable(${quote(op.table)}, ${quote(op.newName)}${options(schemaOf(op), imports)})`,
  add_column: (op, imports) => `await op.addColumn(${quote(op.table)}, ${column(op.column, imports)}${options(schemaOf(op), imports)})`,
  drop_column: (op, imports) => `await op.dropColumn(${quote(op.table)}, ${quote(op.column)}${options(schemaOf(op), imports)})`,
  alter_column: (op, imports) => {
    const { using: _using, ...changes } = op.changes
    const input = { ...changes, schema: op.schema, existing: op.existing }
    return `await op.alterColumn(${quote(op.table)}, ${quote(op.column)}, ${renderData(input, imports)})`
  },
  create_index: (op, imports) => {
    const { name, columns, ...rest } = op.index
    return `await op.createIndex(${quote(name)}, ${quote(op.table)}, ${renderData(columns, imports)}${options({ ...rest, ...schemaOf(op) }, imports)})`
  },
  drop_index: (op, imports) => `await op.dropIndex(${quote(op.name)}${options({ table: op.table || undefined, ...schemaOf(op) }, imports)})`,
  create_unique_constraint: (op, imports) =>
    `await op.createUniqueConstraint(${op.constraint.name === undefined ? 'null' : quote(op.constraint.name)}, ${quote(op.table)}, ${renderData(op.constraint.columns, imports)}${options(schemaOf(op), imports)})`,
  create_foreign_key: (op, imports) => {
    const fk = op.constraint
    const rest = { onDelete: fk.onDelete, onUpdate: fk.onUpdate, sourceSchema: op.schema, referentSchema: fk.referredSchema }
    return `await op.createForeignKey(${fk.name === undefined ? 'null' : quote(fk.name)}, ${quote(op.table)}, ${quote(fk.referredTable)}, ${renderData(fk.columns, imports)}, ${renderData(fk.referredColumns, imports)}${options(rest, imports)})`
  },
  create_check_constraint: (op, imports) =>
    `await op.createCheckConstraint(${quote(op.constraint.name ?? '')}, ${quote(op.table)}, ${quote(op.constraint.expression)}${options(schemaOf(op), imports)})`,
  drop_constraint: (op, imports) => `await op.dropConstraint(${quote(op.name)}, ${quote(op.table)}${options({ type: op.type, ...schemaOf(op) }, imports)})`,
  execute: (op) => `await op.execute(${quote(op.sql)})`,
  // No facade method groups a batch yet, so it is run as data.
  batch_alter_table: (op, imports) => `await op.run({ kind: 'batch_alter_table', table: ${quote(op.table)}${op.schema === undefined ? '' : `, schema: ${quote(op.schema)}`}, recreate: ${quote(op.recreate)}, ops: [\n${op.ops.map((sub) => `${I}${renderData(sub, imports, 'data')},`).join('\n')}\n  ] })`,
  bulk_insert: (op, imports) => `await op.bulkInsert(${quote(op.table)}, [\n${op.rows.map((r) => `${I}${renderData(r, imports)},`).join('\n')}\n  ]${options(schemaOf(op), imports)})`,
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
