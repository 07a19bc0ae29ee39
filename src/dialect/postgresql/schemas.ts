import type { Queryable } from '../introspector.js'
import { postgresLiteral } from './literal.js'

/**
 * Of `names`, the schemas the database has, in name order: what autogenerate
 * needs to know to create the others before anything in them.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await presentPostgresSchemas(db, ['public', 'audit']) // ['public'] while audit is not made yet
 */
export async function presentPostgresSchemas(db: Queryable, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return []
  const listed = names.map((name) => postgresLiteral(name)).join(', ')
  const rows = await db.query(`SELECT nspname FROM pg_namespace WHERE nspname IN (${listed}) ORDER BY nspname`)
  return rows.map((row) => String(row['nspname']))
}
