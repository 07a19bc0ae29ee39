import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { DialectCompiler } from '../dialect/types.js'
import type { Sequence } from '../schema/pg-objects.js'
import type { View } from '../schema/view.js'
import type { Table } from '../schema/types.js'
import { describeKey, refuseKeysWithoutReferredKey } from './referred-keys.js'
import { madeLastOf } from '../diff/made-last.js'
import { refuseUnkeptComments } from './unkept-comments.js'

/**
 * Compiles every model table's CREATE TABLE for the database's dialect and
 * lets the first refusal through: a model the dialect cannot create (a
 * PostgreSQL column declared UNSIGNED, an autoincrement TEXT key, a MySQL
 * VARCHAR without a length) fails `migrate` and `check` with the compiler's
 * message naming the table and column, not `upgrade` after statements ran;
 * so does a foreign key to columns no key of the referred table holds, and
 * a comment the database would not keep as written.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const models: Table[]
 * refuseUncreatableModels(models, dialectNamed('postgresql').compiler) // throws UNSUPPORTED_COLUMN for col.integer().unsigned()
 */
export function refuseUncreatableModels(models: readonly Table[], compiler: DialectCompiler, hooks?: DiffHooks): void {
  if (hooks !== undefined) refuseNamesAlike(models, hooks)
  for (const table of models) compiler.compileSql({ kind: 'create_table', table }, 'offline')
  if (hooks !== undefined) {
    for (const op of models.flatMap((table) => madeLastOf(table, hooks))) compiler.compileSql(op, 'offline')
  }
  refuseKeysToDeferrableUniques(models)
  if (hooks !== undefined) refuseKeysWithoutReferredKey(models, hooks)
  if (hooks !== undefined) refuseUnkeptComments(models, hooks)
}

/**
 * Compiles the CREATE SEQUENCE of every free-standing sequence of the
 * models and the CREATE VIEW of every view, as {@link refuseUncreatableModels}
 * does their tables: what the dialect would refuse (an increment of 0, a
 * bound outside the sequence's type, a check option on SQLite or on a
 * materialized view) fails `migrate` and `check`, naming the object.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * refuseUncreatableObjects({ sequences: [{ name: 'n', increment: 0 }] }, dialectNamed('postgresql').compiler) // throws INVALID_MODEL
 */
export function refuseUncreatableObjects(
  objects: { readonly sequences?: readonly Sequence[]; readonly views?: readonly View[] },
  compiler: DialectCompiler,
): void {
  for (const sequence of objects.sequences ?? []) compiler.compileSql({ kind: 'create_sequence', sequence }, 'offline')
  for (const view of objects.views ?? []) compiler.compileSql({ kind: 'create_view', view }, 'offline')
}

/**
 * A foreign key whose referred columns only a DEFERRABLE unique constraint
 * or primary key holds: PostgreSQL refuses it ("cannot use a deferrable
 * unique constraint for referenced table"), after the statements before it ran.
 */
function refuseKeysToDeferrableUniques(models: readonly Table[]): void {
  const columnSet = (columns: readonly string[]) => [...columns].sort().join(',')
  const byName = new Map(models.map((table) => [`${table.schema ?? ''}.${table.name}`, table]))
  for (const table of models) {
    for (const fk of table.foreignKeys ?? []) {
      const referred = byName.get(`${fk.referredSchema ?? table.schema ?? ''}.${fk.referredTable}`)
      const key = columnSet(fk.referredColumns)
      const unique = referred?.uniqueConstraints?.find((uq) => uq.deferrable === true && columnSet(uq.columns) === key)
      const pk =
        referred?.primaryKey?.deferrable === true && columnSet(referred.primaryKey.columns) === key ? referred.primaryKey : undefined
      const deferrable = unique ?? pk
      if (referred === undefined || deferrable === undefined || heldUndeferred(referred, key, columnSet)) continue
      const what = unique === undefined ? 'primary key' : 'unique constraint'
      throw new AthanorError(
        'INVALID_MODEL',
        `${describeKey(fk, table)} refers to "${referred.name}" ` +
          `(${fk.referredColumns.join(', ')}), whose ${what} ${deferrable.name ?? `(${deferrable.columns.join(', ')})`} is ` +
          `deferrable, and PostgreSQL refuses a foreign key to a deferrable key: make it not deferrable, ` +
          'or give the columns a unique that is not',
      )
    }
  }
}

/**
 * Whether an undeferred primary key, a unique column, an undeferred unique
 * constraint or a plain unique index holds exactly these columns.
 */
function heldUndeferred(table: Table, key: string, columnSet: (columns: readonly string[]) => string): boolean {
  const pk = table.primaryKey?.columns ?? table.columns.filter((c) => c.primaryKey === true).map((c) => c.name)
  const held = [
    table.primaryKey?.deferrable === true ? [] : pk,
    ...table.columns.filter((c) => c.unique === true).map((c) => [c.name]),
    ...(table.uniqueConstraints ?? []).filter((uq) => uq.deferrable !== true).map((uq) => uq.columns),
    ...(table.indexes ?? []).filter((i) => i.unique === true && i.where === undefined && i.expressions !== true).map((i) => i.columns),
  ]
  return held.some((columns) => columns.length > 0 && columnSet(columns) === key)
}

/**
 * Two tables, or two columns of a table, whose names the database cannot
 * tell apart (`t` and `T` on SQLite; `c` and `C` on SQLite and MySQL): the
 * second CREATE would fail at upgrade, or one table would stand for both.
 */
function refuseNamesAlike(models: readonly Table[], hooks: DiffHooks): void {
  const tables = new Map<string, string>()
  for (const table of models) {
    const key = `${table.schema ?? ''}.${hooks.nameKey(table.name)}`
    const other = tables.get(key)
    if (other !== undefined) throw alike('tables', other, table.name)
    tables.set(key, table.name)
    const columns = new Map<string, string>()
    for (const column of table.columns) {
      const seen = columns.get(hooks.columnNameKey(column.name))
      if (seen !== undefined) throw alike(`columns of table "${table.name}"`, seen, column.name)
      columns.set(hooks.columnNameKey(column.name), column.name)
    }
  }
}

const alike = (what: string, first: string, second: string) =>
  new AthanorError('INVALID_MODEL', `the ${what} "${first}" and "${second}" differ only in case, which this database ignores: rename one`)
