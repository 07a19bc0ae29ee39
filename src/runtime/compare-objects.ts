import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { loadModelObjects } from '../models/load-objects.js'
import type { SchemaObjects } from '../schema/pg-objects.js'
import type { Project } from '../config/project.js'

/**
 * PostgreSQL's enum types, extensions and sequences as the database has
 * them and as the models module declares them, for the diff; nothing where
 * the dialect has no such objects. In a multi-database project only the
 * default database gets them, as `defineModels` binds them to none.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import type { Project } from '../config/project.js'
 * declare const connection: DatabaseConnection
 * declare const project: Project
 * const objects = await objectsToCompare(dialectNamed('postgresql'), connection, project, '/app/src/models.ts', [])
 */
export async function objectsToCompare(
  dialect: Dialect,
  connection: DatabaseConnection,
  project: Project,
  modelsFile: string,
  schemas: readonly string[],
): Promise<{ current: SchemaObjects; target: SchemaObjects } | undefined> {
  if (dialect.introspectObjects === undefined) {
    refuseObjects(await loadModelObjects(modelsFile), dialect.name)
    return undefined
  }
  const names = project.databases ?? []
  if (names.length > 0 && project.database !== names[0]) return undefined
  const target = await loadModelObjects(modelsFile)
  // The server is asked only when the models declare something it may lack.
  if (dialect.sequencesOnly !== undefined && declaredObjects(target).length > 0) {
    const server = await dialect.sequencesOnly(connection)
    refuseObjects(server === undefined ? { ...target, sequences: [] } : target, server ?? dialect.name)
  }
  // The schemas the models' types, sequences and partitions name are read too (a domain of a schema only a routine's
  // arguments use, a partition kept apart from its table).
  const named = [
    ...target.enums,
    ...target.sequences,
    ...(target.domains ?? []),
    ...(target.composites ?? []),
    ...(target.ranges ?? []),
    ...(target.partitions ?? []),
  ].flatMap((o) => (o.schema === undefined ? [] : [o.schema]))
  const current = await dialect.introspectObjects(connection, { schemas: [...new Set([...schemas, ...named])] })
  return { current, target }
}

/**
 * Models that declare an enum type, extension, sequence, domain, composite or range type or partition
 * cannot be migrated where none exists: said before anything runs, naming the first.
 * `database` is the dialect, or the server where it tells (`MySQL 8.0.36`).
 */
function refuseObjects(objects: SchemaObjects, database: string): void {
  const declared = declaredObjects(objects)
  const sequence = objects.sequences[0]
  // Sequences are MariaDB's too, which the message says, the other kinds PostgreSQL's only.
  if (declared.length > 0 && sequence !== undefined && declared[0] === `sequence "${sequence.name}"`) {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `the models declare sequence "${sequence.name}", which only PostgreSQL and MariaDB 10.3+ have; the database is ${database}`,
    )
  }
  if (declared.length > 0) {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `the models declare ${declared[0]}, which is PostgreSQL only; the database is ${database}`,
    )
  }
}

/** Each object the models declare, as a refusal names it, in the order refused. */
function declaredObjects(objects: SchemaObjects): string[] {
  return [
    ...objects.extensions.map((o) => `extension "${o.name}"`),
    ...objects.enums.map((o) => `enum type "${o.name}" (use col.enum([...]) for an inline enum)`),
    ...objects.sequences.map((o) => `sequence "${o.name}"`),
    ...(objects.domains ?? []).map((o) => `domain "${o.name}"`),
    ...(objects.composites ?? []).map((o) => `composite type "${o.name}"`),
    ...(objects.ranges ?? []).map((o) => `range type "${o.name}"`),
    ...(objects.partitions ?? []).map((o) => `partition "${o.name}"`),
  ]
}
