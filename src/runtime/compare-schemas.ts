import { AthanorError, isAthanorError } from '../core/errors.js'
import type { Project } from '../config/project.js'
import type { DatabaseUrl } from '../core/database-url.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { diffSchemas, namedSchemas, schemaNamers, type SchemaNamers } from '../diff/schemas.js'
import type { Operation } from '../ops/operation.js'

/**
 * The `create_schema` operations a comparison starts with: one for each
 * schema the models name that the database behind `connection` lacks, so
 * that what autogenerate accepts also builds at upgrade (PostgreSQL would
 * refuse `CREATE TABLE "audit"."log"` without `audit`). A model naming a
 * schema is refused here in one line, `UNSUPPORTED_FEATURE`, rather than
 * at upgrade, where the dialect refuses schemas (SQLite, MySQL/MariaDB) and
 * where `project`'s tenants are schemas (`tenants.pattern` on PostgreSQL):
 * every tenant's upgrade would create that fixed schema again.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { openProject } from '../config/project.js'
 * declare const connection: DatabaseConnection
 * const project = await openProject({ directory: 'migrations' })
 * const ops = await schemasToCreate(dialectNamed('postgresql'), connection, project, {
 *   tables: [{ name: 'log', schema: 'audit', columns: [] }],
 * }) // [{ kind: 'create_schema', name: 'audit' }] on a database without audit
 */
export async function schemasToCreate(
  dialect: Dialect,
  connection: DatabaseConnection,
  project: Project,
  models: SchemaNamers,
): Promise<Operation[]> {
  const tenantSchemas = project.config.tenants?.pattern !== undefined && dialect.tenantScopes?.noun === 'schema'
  const config = project.configFile ?? 'the config'
  // Created with no schema, an extension lands in the first tenant's, where the other tenants' search_path never looks.
  const homeless = tenantSchemas ? models.objects?.extensions.find((e) => e.schema === undefined) : undefined
  if (homeless !== undefined) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `model extension ${homeless.name} names no schema, but the tenants of ${config} (tenants.pattern) are schemas, ` +
        `and the first tenant's upgrade would create it in its own: name one, extension('${homeless.name}', { schema: 'public' })`,
    )
  }
  const namers = schemaNamers(models)
  if (namers.length === 0) return []
  const refuse = (namer: { readonly schema: string; readonly object: string }, why: string): never => {
    throw new AthanorError('UNSUPPORTED_FEATURE', `model ${namer.object} names schema '${namer.schema}', but ${why}: leave { schema } out`)
  }
  if (dialect.schemasRefused !== undefined) refuse(namers[0]!, dialect.schemasRefused)
  if (tenantSchemas) {
    // An extension is the database's, whichever schema holds it: CREATE EXTENSION IF NOT EXISTS serves every tenant.
    const fixed = namers.find((namer) => namer.kind !== 'extension')
    if (fixed !== undefined)
      refuse(fixed, `the tenants of ${config} (tenants.pattern) are schemas, and each tenant's upgrade would create it again`)
  }
  if (dialect.presentSchemas === undefined) return []
  const named = namedSchemas(models)
  return diffSchemas(await dialect.presentSchemas(connection, named), named)
}

/**
 * The schema the models' comparison treats as no schema: the project URL's
 * own (`?schema=`, `?options=-csearch_path=`), which the offline shadow
 * plays in its default one, else the connection's current schema
 * (`public`); `undefined` where the dialect has none.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { openProject } from '../config/project.js'
 * declare const connection: DatabaseConnection
 * await homeSchemaOf(dialectNamed('postgresql'), connection, await openProject({ directory: 'migrations' })) // 'public'
 */
export async function homeSchemaOf(dialect: Dialect, connection: DatabaseConnection, project: Project): Promise<string | undefined> {
  if (dialect.currentSchema === undefined) return undefined
  let url: DatabaseUrl | undefined
  try {
    url = project.databaseUrl()
  } catch (error) {
    // Offline with only a shadowUrl: the shadow's own schema is home.
    if (!isAthanorError(error, 'NO_DATABASE_URL')) throw error
  }
  return url?.dialect === dialect.name && url.schema !== undefined ? url.schema : dialect.currentSchema(connection)
}
