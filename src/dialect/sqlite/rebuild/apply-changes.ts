import { AthanorError } from '../../../core/errors.js'
import type { AlterColumnOp, BatchOperation, CreateForeignKeyOp, TableRef } from '../../../ops/operation.js'
import type { CompileContext } from '../../default/context.js'
import { enumCheck } from '../../default/column.js'
import { checkClause, foreignKeyClause, uniqueClause } from '../../default/constraint.js'
import { enumValuesOf } from '../introspect-types.js'
import { findConstraint, foreignKeyNamed } from './constraints.js'
import type { ColumnClause, ColumnDefinition, TableConstraint, TableDefinition } from './definition.js'
import type { NamingConvention } from '../../../schema/naming-convention.js'
import { parseCreateTable } from './parse-create-table.js'
import { mentions, type TableSnapshot } from './read-table.js'
import { tokenize, unquote } from './tokenize.js'

/** The table a rebuild creates, and how its rows come from the old one. */
export interface RebuildTarget {
  readonly definition: TableDefinition
  /** Column names filled from the old table's column of the same name. */
  readonly copied: readonly string[]
  /** The CREATE INDEX statements to run once the new table is in place. */
  readonly indexes: readonly string[]
  /** What went with a dropped column, for the note. */
  readonly notes: readonly string[]
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * Applies a rebuild's changes to the table as stored. Columns and
 * constraints not named by a change keep their exact text; changed columns
 * keep every clause the change does not touch (COLLATE, CHECK, REFERENCES…).
 * Renames are not here: they run first as ALTER TABLE RENAME COLUMN, which
 * rewrites every reference (see ./plan.ts).
 *
 * @example
 * import { DEFAULT_NAMING_CONVENTION } from '../../../schema/naming-convention.js'
 * import type { CompileContext } from '../../default/context.js'
 * import type { TableSnapshot } from './read-table.js'
 * declare const snapshot: TableSnapshot
 * declare const ctx: CompileContext
 * const change: AlterColumnOp = { kind: 'alter_column', table: 't', column: 'a', changes: { nullable: false } }
 * const target = applyChanges(snapshot, [change], ctx, DEFAULT_NAMING_CONVENTION)
 * target.copied // ['id', 'a'], for t created as (id INTEGER PRIMARY KEY, a TEXT): every row keeps both
 */
export function applyChanges(
  snapshot: TableSnapshot,
  ops: readonly BatchOperation[],
  ctx: CompileContext,
  convention: NamingConvention,
): RebuildTarget {
  let columns: ColumnDefinition[] = [...snapshot.definition.columns]
  let constraints: TableConstraint[] = [...snapshot.definition.constraints]
  let indexes = snapshot.indexes.map((i) => ({ name: i.name, sql: i.sql }))
  const notes: string[] = []
  const ref: TableRef = { table: snapshot.name }
  const current = (): TableDefinition => ({ ...snapshot.definition, columns, constraints })
  const columnAt = (name: string): number => {
    const i = columns.findIndex((c) => same(c.name, name))
    if (i < 0) throw new AthanorError('SQLITE_NO_SUCH_COLUMN', `table "${snapshot.name}" has no column "${name}"`)
    return i
  }
  for (const op of ops) {
    switch (op.kind) {
      case 'add_column': {
        if (columns.some((c) => same(c.name, op.column.name))) {
          throw new AthanorError('SQLITE_DUPLICATE_COLUMN', `table "${snapshot.name}" already has a column "${op.column.name}"`)
        }
        const inline = op.column.primaryKey === true ? { inlinePrimaryKey: {} } : {}
        columns.push(parseElement(ctx.columnDefinition(op.column, ref, { purpose: 'create', ...inline })).columns[0]!)
        break
      }
      case 'drop_column': {
        const name = columns[columnAt(op.column)]!.name
        columns = columns.filter((c) => !same(c.name, name))
        const keep = (c: TableConstraint) =>
          !c.columns.some((k) => same(k, name)) && !(c.kind === 'check' && mentions(c.expression ?? '', name))
        for (const c of constraints.filter((c) => !keep(c)))
          notes.push(`${c.kind} constraint ${c.name ? `"${c.name}" ` : ''}dropped with column "${name}"`)
        constraints = constraints.filter(keep)
        for (const i of indexes.filter((i) => indexUses(i.sql, name))) notes.push(`index "${i.name}" dropped with column "${name}"`)
        indexes = indexes.filter((i) => !indexUses(i.sql, name))
        break
      }
      case 'alter_column': {
        const i = columnAt(op.column)
        columns[i] = alterColumn(columns[i]!, op, ctx)
        break
      }
      case 'create_index':
        indexes.push({
          name: op.index.name,
          sql: ctx
            .compileSql({ ...op, table: snapshot.name })
            .map((s) => s.sql)
            .join(';\n'),
        })
        break
      case 'drop_index': {
        const before = indexes.length
        indexes = indexes.filter((i) => !same(i.name, op.name))
        if (indexes.length === before) throw new AthanorError('SQLITE_NO_SUCH_INDEX', `table "${snapshot.name}" has no index "${op.name}"`)
        break
      }
      case 'create_unique_constraint':
        constraints.push(parseConstraint(uniqueClause(op.constraint, ctx)))
        break
      case 'create_foreign_key':
        if (!keptForeignKey(current(), op)) constraints.push(parseConstraint(foreignKeyClause(op.constraint, ctx)))
        break
      case 'create_check_constraint':
        constraints.push(parseConstraint(checkClause(op.constraint, ctx)))
        break
      case 'drop_constraint': {
        const found = findConstraint(current(), op, convention)
        if ('table' in found.at) {
          const index = found.at.table
          constraints = constraints.filter((_, k) => k !== index)
        } else {
          const { column, clause } = found.at
          const def = columns[column]!
          columns[column] = { ...def, clauses: def.clauses.filter((_, k) => k !== clause) }
        }
        break
      }
    }
  }
  const generated = (c: ColumnDefinition) => c.clauses.some((k) => k.kind === 'generated')
  const oldNames = snapshot.definition.columns.filter((c) => !generated(c)).map((c) => c.name.toLowerCase())
  const copied = columns.filter((c) => !generated(c) && oldNames.includes(c.name.toLowerCase())).map((c) => c.name)
  return { definition: current(), copied, indexes: indexes.map((i) => i.sql), notes }
}

/** A column with a new type, nullability or default; its other clauses stay as written. */
function alterColumn(def: ColumnDefinition, op: AlterColumnOp, ctx: CompileContext): ColumnDefinition {
  const { changes } = op
  const at = { table: op.table, column: def.name }
  let clauses: ColumnClause[] = [...def.clauses]
  if (changes.nullable !== undefined) {
    clauses = clauses.filter((c) => c.kind !== 'notnull' && c.kind !== 'null')
    if (!changes.nullable) clauses.unshift({ kind: 'notnull', text: 'NOT NULL' })
  }
  if (changes.serverDefault !== undefined) {
    clauses = clauses.filter((c) => c.kind !== 'default')
    if (changes.serverDefault !== null) clauses.push({ kind: 'default', text: `DEFAULT ${ctx.renderDefault(changes.serverDefault, at)}` })
  }
  if (changes.collation !== undefined) {
    clauses = clauses.filter((c) => c.kind !== 'collate')
    if (changes.collation !== null) clauses.unshift({ kind: 'collate', text: `COLLATE ${ctx.quoteIdentifier(changes.collation)}` })
  }
  const type = changes.type === undefined ? def.type : ctx.renderType(changes.type, at)
  if (changes.type !== undefined && (changes.type.kind === 'enum' || op.existing?.type.kind === 'enum')) {
    // An enum is its VARCHAR and the CHECK of its values: the old values' CHECK goes with the old type.
    clauses = clauses.filter((c) => !isEnumCheck(c, def.name))
    const check = enumCheck({ name: def.name, type: changes.type }, ctx, at)
    if (check !== undefined) clauses.push({ kind: 'check', text: check })
  }
  return { name: def.name, type, clauses }
}

const CHECK_BODY = /CHECK\s*\(([\s\S]*)\)\s*$/i

/** A column's `CHECK ("kind" IN ('a', 'b'))`, the form an enum is written in. */
function isEnumCheck(clause: ColumnClause, column: string): boolean {
  if (clause.kind !== 'check') return false
  const body = CHECK_BODY.exec(clause.text)?.[1]
  return body !== undefined && enumValuesOf(body, column) !== undefined
}

/** True when an index's key list or WHERE names the column. */
function indexUses(sql: string, column: string): boolean {
  const tokens = tokenize(sql)
  const open = tokens.findIndex((t) => t.text === '(')
  return tokens.slice(open).some((t) => (t.kind === 'word' || t.kind === 'quoted') && same(unquote(t), column))
}

function parseElement(text: string): TableDefinition {
  return parseCreateTable(`CREATE TABLE x (${text})`)
}

function parseConstraint(text: string): TableConstraint {
  return parseElement(`x, ${text}`).constraints[0]!
}

/**
 * Whether the table already has the foreign key a `create_foreign_key`
 * names, so the rebuild adds none: with `ifNotExists`, a key of that name to
 * the same table is it (a script outside a transaction that stopped after
 * the key runs again, as on PostgreSQL and MariaDB). Any other key of that
 * name, or one met without `ifNotExists`, is refused as those databases
 * refuse the ADD, instead of being written a second time.
 */
function keptForeignKey(def: TableDefinition, op: CreateForeignKeyOp): boolean {
  const name = op.constraint.name
  const found = name === undefined ? undefined : foreignKeyNamed(def, name)
  if (found === undefined) return false
  if (op.ifNotExists === true && found.referredTable?.toLowerCase() === op.constraint.referredTable.toLowerCase()) return true
  const to = found.referredTable === undefined ? '' : ` to "${found.referredTable}"`
  throw new AthanorError('SQLITE_DUPLICATE_CONSTRAINT', `table "${def.name}" already has a foreign key "${found.name}"${to}`)
}
