import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { tableKey } from '../diff/keys.js'
import type { TableName } from '../diff/options.js'
import type { Table } from '../schema/types.js'

/**
 * The tables in schemas the models do not name that hold the name of a
 * table the models add (PostgreSQL): a table moved away by an earlier
 * migration and back now is found there, for the rename resolver to offer
 * as a move (see `elsewhere` in the diff options). Read only when the
 * models add a table and such a schema exists.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const connection: DatabaseConnection
 * declare const models: readonly Table[]
 * declare const current: readonly Table[]
 * await tablesElsewhere(dialectNamed('postgresql'), connection, { models, current, schemas: [] }, () => true) // [audit.log]
 */
export async function tablesElsewhere(
  dialect: Dialect,
  connection: DatabaseConnection,
  compared: { readonly models: readonly Table[]; readonly current: readonly Table[]; readonly schemas: readonly string[] },
  include: (table: TableName) => boolean,
): Promise<Table[]> {
  if (dialect.schemasHolding === undefined) return []
  const hooks = dialect.diffHooks
  const had = new Set(compared.current.map((t) => tableKey(t, hooks)))
  const added = compared.models.filter((t) => include(t) && !had.has(tableKey(t, hooks))).map((t) => t.name)
  if (added.length === 0) return []
  const read = new Set(compared.schemas)
  const others = (await dialect.schemasHolding(connection, added)).filter((schema) => !read.has(schema))
  if (others.length === 0) return []
  const names = new Set(added)
  const found = await dialect.introspect(connection, { schemas: others })
  return found.filter((t) => t.schema !== undefined && others.includes(t.schema) && names.has(t.name) && include(t))
}
