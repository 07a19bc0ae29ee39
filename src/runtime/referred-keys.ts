import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
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
 * the database. SQLite is left alone: it makes such a key and only refuses
 * rows later ("foreign key mismatch"), so an existing database may hold one
 * and its models must still load.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const models: Table[] // "orders"."user_email" references "users"."email", which has no unique
 * refuseKeysWithoutReferredKey(models, dialectNamed('postgresql').diffHooks) // throws INVALID_MODEL
 */
export function refuseKeysWithoutReferredKey(models: readonly Table[], hooks: DiffHooks): void {
  if (!hooks.foreignKeysNeedReferredKeys && !hooks.foreignKeysNeedIndexes) return
  const tableKey = (schema: string | undefined, name: string) => `${schema ?? ''}.${hooks.nameKey(name)}`
  const byName = new Map(models.map((table) => [tableKey(table.schema, table.name), table]))
  const columnKeys = (columns: readonly string[]) => columns.map((column) => hooks.columnNameKey(column))
  for (const table of models) {
    for (const fk of table.foreignKeys ?? []) {
      const referred = byName.get(tableKey(fk.referredSchema ?? table.schema, fk.referredTable))
      if (referred === undefined) continue
      const wanted = columnKeys(fk.referredColumns)
      const have = new Set(columnKeys(referred.columns.map((column) => column.name)))
      const missing = fk.referredColumns.find((column) => !have.has(hooks.columnNameKey(column)))
      if (missing !== undefined) {
        throw new AthanorError(
          'INVALID_MODEL',
          `${describeKey(fk, table)} refers to column "${missing}" of "${referred.name}", which has no such column`,
        )
      }
      const held = hooks.foreignKeysNeedReferredKeys
        ? uniqueColumnSets(referred).some((columns) => sameSet(columnKeys(columns), wanted))
        : indexedKeys(referred).some((columns) => startsWith(columnKeys(columns), wanted))
      if (held) continue
      const demand = hooks.foreignKeysNeedReferredKeys
        ? 'the database wants a primary key, unique constraint or unique index of exactly these columns there'
        : 'the database wants an index that starts with these columns, in this order, there'
      throw new AthanorError(
        'INVALID_MODEL',
        `${describeKey(fk, table)} refers to "${referred.name}" (${fk.referredColumns.join(', ')}), which no key holds: ${demand}`,
      )
    }
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
