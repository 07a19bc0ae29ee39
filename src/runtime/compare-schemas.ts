import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { diffSchemas, namedSchemas, type SchemaNamers } from '../diff/schemas.js'
import type { Operation } from '../ops/operation.js'

/**
 * The `create_schema` operations a comparison starts with: one for each
 * schema the models name that the database behind `connection` lacks, so
 * that what autogenerate accepts also builds at upgrade (PostgreSQL would
 * refuse `CREATE TABLE "audit"."log"` without `audit`). None where the
 * dialect makes no schemas.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const connection: DatabaseConnection
 * const ops = await schemasToCreate(dialectNamed('postgresql'), connection, { tables: [{ name: 'log', schema: 'audit', columns: [] }] })
 * // [{ kind: 'create_schema', name: 'audit' }] on a database without audit
 */
export async function schemasToCreate(dialect: Dialect, connection: DatabaseConnection, models: SchemaNamers): Promise<Operation[]> {
  const named = namedSchemas(models)
  if (dialect.presentSchemas === undefined || named.length === 0) return []
  return diffSchemas(await dialect.presentSchemas(connection, named), named)
}
