import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import type { Operation } from '../ops/operation.js'
import { uniqueColumnSets } from '../diff/keys.js'

/**
 * A foreign key whose referred columns the referred table does not have, or
 * does not hold as the database demands: PostgreSQL wants a primary key,
 * unique constraint or plain unique index of exactly those columns ("there
 * is no unique constraint matching given keys for referenced table"), MySQL
 * and MariaDB an index that starts with them, in order ("Failed to add the
 * foreign key constraint. Missing index for constraint"). Either fails the
 * migration at `upgrade`, after the statements before it ran, so it fails
 * `migrate` and `check` here, naming both tables. Keys to a table the models
 * do not hold (excluded, or in another schema nobody manages) are left to
 * the database. SQLite makes such a key and only refuses rows later
 * ("foreign key mismatch"), so an existing database may hold one and its
 * models must still load: there only the keys a migration makes are
 * refused (see refuseMadeKeysWithoutReferredKey). A key the dialect knows its
 * database refuses for another reason (`hooks.foreignKeyFault`: InnoDB's
 * errno 150 on an INT column referring to a BIGINT one) fails here as well.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const models: Table[] // "orders"."user_email" references "users"."email", which has no unique
 * refuseKeysWithoutReferredKey(models, dialectNamed('postgresql').diffHooks) // throws INVALID_MODEL
 */
export function refuseKeysWithoutReferredKey(models: readonly Table[], hooks: DiffHooks): void {
  if (!hooks.foreignKeysNeedReferredKeys && !hooks.foreignKeysNeedIndexes) return
  const check = referredKeyCheck(modelsByName(models, hooks), hooks)
  for (const table of models) for (const fk of table.foreignKeys ?? []) check(fk, table)
}

/**
 * The same refusal on SQLite, for the keys a migration makes (`made`: its
 * CREATE TABLEs and added keys): SQLite makes a key to columns that are not
 * the referred table's primary key or a unique key of exactly those
 * columns, or that it lacks, then refuses every row written to the
 * referring table ("foreign key mismatch"). A key the database already
 * holds is left alone, so the models of a database that has one still load.
 *
 * @example
 * declare const models: Table[] // "tracks".references('genres'), and "genres" has no "id"
 * declare const made: Operation[] // what autogenerate wrote: create_table tracks
 * import { dialectNamed } from '../dialect/registry.js'
 * refuseMadeKeysWithoutReferredKey(models, made, dialectNamed('sqlite').diffHooks) // throws INVALID_MODEL
 */
export function refuseMadeKeysWithoutReferredKey(models: readonly Table[], made: readonly Operation[], hooks: DiffHooks): void {
  if (hooks.foreignKeysNeedReferredKeys || hooks.foreignKeysNeedIndexes) return
  const tableNamed = modelsByName(models, hooks)
  const check = referredKeyCheck(tableNamed, hooks, true)
  for (const op of made) {
    if (op.kind === 'create_table') for (const fk of op.table.foreignKeys ?? []) check(fk, op.table)
    if (op.kind !== 'create_foreign_key') continue
    const table = tableNamed(op.schema, op.table)
    if (table !== undefined) check(op.constraint, table)
  }
}

/** The model table of a schema and name, as the dialect compares names. */
function modelsByName(models: readonly Table[], hooks: DiffHooks): (schema: string | undefined, name: string) => Table | undefined {
  const tableKey = (schema: string | undefined, name: string) => `${schema ?? ''}.${hooks.nameKey(name)}`
  const byName = new Map(models.map((table) => [tableKey(table.schema, table.name), table]))
  return (schema, name) => byName.get(tableKey(schema, name))
}

/** A check of one key against its referred table (`tableNamed`); `exact`: a unique key of exactly its columns, as PostgreSQL wants. */
function referredKeyCheck(
  tableNamed: (schema: string | undefined, name: string) => Table | undefined,
  hooks: DiffHooks,
  exact = hooks.foreignKeysNeedReferredKeys,
) {
  const columnKeys = (columns: readonly string[]) => columns.map((column) => hooks.columnNameKey(column))
  return (fk: ForeignKeyConstraint, table: Table): void => {
    const referred = tableNamed(fk.referredSchema ?? table.schema, fk.referredTable)
    if (referred === undefined) return
    const wanted = columnKeys(fk.referredColumns)
    const have = new Set(columnKeys(referred.columns.map((column) => column.name)))
    const missing = fk.referredColumns.find((column) => !have.has(hooks.columnNameKey(column)))
    if (missing !== undefined) {
      throw new AthanorError(
        'INVALID_MODEL',
        `${describeKey(fk, table)} refers to column "${missing}" of "${referred.name}", which has no such column`,
      )
    }
    const fault = hooks.foreignKeyFault(fk, table, referred)
    if (fault !== undefined) throw new AthanorError('INVALID_MODEL', `${describeKey(fk, table)} ${fault}`)
    const held = exact
      ? uniqueColumnSets(referred).some((columns) => sameSet(columnKeys(columns), wanted))
      : indexedKeys(referred).some((columns) => startsWith(columnKeys(columns), wanted))
    if (held) return
    const demand = exact
      ? 'the database wants a primary key, unique constraint or unique index of exactly these columns there'
      : 'the database wants an index that starts with these columns, in this order, there'
    throw new AthanorError(
      'INVALID_MODEL',
      `${describeKey(fk, table)} refers to "${referred.name}" (${fk.referredColumns.join(', ')}), which no key holds: ${demand}`,
    )
  }
}

/** How a foreign key is named in a message: by its name, or by its columns. */
export function describeKey(fk: ForeignKeyConstraint, table: Table): string {
  return `foreign key ${fk.name ?? `(${fk.columns.join(', ')})`} of table "${table.name}"`
}

/**
 * The keys an InnoDB foreign key can use at its referred end: every unique
 * key, every plain index without prefix lengths, and the columns of the
 * table's own foreign keys, which get an index of their own when the table
 * is made.
 */
function indexedKeys(table: Table): (readonly string[])[] {
  const plain = (table.indexes ?? []).filter(
    (index) => index.expressions !== true && index.fulltext !== true && index.spatial !== true && index.prefixLengths === undefined,
  )
  return [...uniqueColumnSets(table), ...plain.map((index) => index.columns), ...(table.foreignKeys ?? []).map((fk) => fk.columns)]
}

function sameSet(columns: readonly string[], wanted: readonly string[]): boolean {
  return columns.length === wanted.length && wanted.every((column) => columns.includes(column))
}

function startsWith(columns: readonly string[], wanted: readonly string[]): boolean {
  return wanted.length <= columns.length && wanted.every((column, at) => columns[at] === column)
}
