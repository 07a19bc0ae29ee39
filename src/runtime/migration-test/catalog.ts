import type { TableName } from '../../diff/index.js'
import type { DiffHooks } from '../../dialect/diff-hooks.js'
import type { DatabaseConnection } from '../../dialect/driver.js'
import { dialectNamed } from '../../dialect/registry.js'
import type { Column, Table, UniqueConstraint } from '../../schema/types.js'
import { readSchema } from '../compare-models.js'

/**
 * Everything a database's schema holds, one entry per object (`column
 * users.email`, `index ix_users_email on users`, `view active_users`) with
 * what defines it, so two catalogs compare entry by entry and a difference
 * names the object.
 */
export type Catalog = ReadonlyMap<string, string>

/** How two catalogs differ: objects only in the second, only in the first, and defined otherwise. */
export interface CatalogDifference {
  readonly extra: readonly string[]
  readonly missing: readonly string[]
  readonly changed: readonly { readonly object: string; readonly expected: string; readonly actual: string }[]
}

/**
 * Reads the catalog: the introspector's tables (without athanor's own and
 * the excluded ones), in every schema the database has, and the dialect's
 * other objects.
 *
 * @example
 * import { openConnection } from '../../dialect/registry.js'
 * const catalog = await readCatalog(await openConnection(parseDatabaseUrl('sqlite://')), () => true)
 * catalog.size // 0
 */
export async function readCatalog(
  connection: DatabaseConnection,
  include: (table: TableName) => boolean,
  helpers: readonly DatabaseConnection[] = [],
): Promise<Catalog> {
  const dialect = dialectNamed(connection.dialect)
  // The tables of the default schema are read beside the other objects, on
  // the helper connections where there are some; other schemas, once known, after.
  const [reader = connection, ...more] = helpers
  const [objects, home] = await Promise.all([dialect.readCatalogObjects(connection), readSchema(reader, include, [], more)])
  const schemas = objects.filter((object) => object.kind === 'schema').map((object) => object.name)
  const tables = schemas.length === 0 ? home : await readSchema(connection, include, schemas)
  const entries: [string, string][] = tables.flatMap((table) => tableEntries(table, dialect.diffHooks))
  for (const object of objects) entries.push([`${object.kind} ${object.name}`, object.definition])
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * What is in `actual` and not in `expected`, the reverse, and what both
 * hold defined otherwise.
 *
 * @example
 * compareCatalogs(new Map([['table t', '']]), new Map([['table t', ''], ['column t.a', 'INTEGER NULL']])).extra // ['column t.a']
 */
export function compareCatalogs(expected: Catalog, actual: Catalog): CatalogDifference {
  const extra = [...actual.keys()].filter((key) => !expected.has(key))
  const missing = [...expected.keys()].filter((key) => !actual.has(key))
  const changed = [...expected].flatMap(([object, definition]) => {
    const other = actual.get(object)
    return other === undefined || other === definition ? [] : [{ object, expected: definition, actual: other }]
  })
  return { extra, missing, changed }
}

/** Whether two catalogs hold the same objects defined the same way. */
export function isSameCatalog(difference: CatalogDifference): boolean {
  return difference.extra.length + difference.missing.length + difference.changed.length === 0
}

function tableEntries(table: Table, hooks: DiffHooks): [string, string][] {
  const name = table.schema === undefined ? table.name : `${table.schema}.${table.name}`
  // A MySQL table's AUTO_INCREMENT start is read only while it holds no rows, and compared nowhere.
  const { autoIncrement: _start, ...mysql } = table.mysql ?? {}
  const options = Object.keys(mysql).length === 0 ? undefined : mysql
  const entries: [string, string][] = [[`table ${name}`, describe({ comment: table.comment, mysql: options })]]
  for (const column of table.columns) entries.push([`column ${name}.${column.name}`, columnDefinition(column, hooks)])
  if (table.primaryKey !== undefined) {
    entries.push([`primary key of ${name}`, `${table.primaryKey.name ?? ''}(${table.primaryKey.columns.join(', ')})`])
  }
  for (const fk of table.foreignKeys ?? []) {
    const target = `${fk.referredSchema === undefined ? '' : `${fk.referredSchema}.`}${fk.referredTable}(${fk.referredColumns.join(', ')})`
    const actions = `ON DELETE ${hooks.actionKey(fk.onDelete)} ON UPDATE ${hooks.actionKey(fk.onUpdate)}`
    entries.push([
      `foreign key ${fk.name ?? `(${fk.columns.join(', ')})`} on ${name}`,
      `(${fk.columns.join(', ')}) -> ${target} ${actions}`,
    ])
  }
  // A column's own unique and an unnamed one on that column alone are one constraint, as the diff sees them.
  const uniques: UniqueConstraint[] = [
    ...(table.uniqueConstraints ?? []),
    ...table.columns.filter((c) => c.unique === true).map((c) => ({ columns: [c.name] })),
  ]
  for (const unique of uniques) {
    entries.push([`unique constraint ${unique.name ?? `(${unique.columns.join(', ')})`} on ${name}`, `(${unique.columns.join(', ')})`])
  }
  // Expressions by their keys: renaming a column the database rewrites
  // them (SQLite quotes the new name), and a rename undone is not a change.
  for (const check of table.checkConstraints ?? []) {
    const expression = hooks.checkKey(check.expression)
    entries.push([`check constraint ${check.name ?? expression} on ${name}`, expression])
  }
  for (const index of table.indexes ?? []) {
    const where = index.where === undefined ? '' : ` WHERE ${hooks.checkKey(index.where)}`
    entries.push([`index ${index.name} on ${name}`, `${index.unique === true ? 'UNIQUE ' : ''}(${index.columns.join(', ')})${where}`])
  }
  return entries
}

function columnDefinition(column: Column, hooks: DiffHooks): string {
  const parts = [hooks.typeKey(column), column.nullable === false || column.primaryKey === true ? 'NOT NULL' : 'NULL']
  const fallback = hooks.defaultKey(column)
  if (fallback !== undefined) parts.push(`DEFAULT ${fallback}`)
  if (column.primaryKey === true) parts.push('PRIMARY KEY')
  if (column.autoincrement === true) parts.push('AUTOINCREMENT')
  if (column.comment !== undefined) parts.push(`COMMENT ${JSON.stringify(column.comment)}`)
  return parts.join(' ')
}

function describe(value: Record<string, unknown>): string {
  const defined = Object.entries(value).filter(([, v]) => v !== undefined)
  return defined.length === 0 ? '' : JSON.stringify(Object.fromEntries(defined))
}
