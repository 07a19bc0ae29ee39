import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { diffSchemas, namedSchemas, schemaNamers, type SchemaNamers } from '../diff/schemas.js'
import type { Operation } from '../ops/operation.js'

/**
 * The `create_schema` operations a comparison starts with: one for each
 * schema the models name that the database behind `connection` lacks, so
 * that what autogenerate accepts also builds at upgrade (PostgreSQL would
 * refuse `CREATE TABLE "audit"."log"` without `audit`). Where the dialect
 * refuses schemas (SQLite, MySQL/MariaDB), a model naming one is refused
 * here in one line, `UNSUPPORTED_FEATURE`, rather than at upgrade.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const connection: DatabaseConnection
 * const ops = await schemasToCreate(dialectNamed('postgresql'), connection, { tables: [{ name: 'log', schema: 'audit', columns: [] }] })
 * // [{ kind: 'create_schema', name: 'audit' }] on a database without audit
 */
export async function schemasToCreate(dialect: Dialect, connection: DatabaseConnection, models: SchemaNamers): Promise<Operation[]> {
  const [first] = schemaNamers(models)
  if (first === undefined) return []
  if (dialect.schemasRefused !== undefined) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `model ${first.object} names schema '${first.schema}', but ${dialect.schemasRefused}: leave { schema } out`,
    )
  }
  if (dialect.presentSchemas === undefined) return []
  const named = namedSchemas(models)
  return diffSchemas(await dialect.presentSchemas(connection, named), named)
}
