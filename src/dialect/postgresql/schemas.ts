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

/**
 * The schemas, in name order, that hold a table (or partitioned table) named
 * one of `names`, system schemas left out: where a table the models want in
 * another schema may stand already, moved there by an earlier migration.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await postgresSchemasHolding(db, ['log']) // ['audit'] after log was moved there
 */
export async function postgresSchemasHolding(db: Queryable, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return []
  const listed = names.map((name) => postgresLiteral(name)).join(', ')
  const rows = await db.query(
    'SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      `WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname IN (${listed}) ` +
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY n.nspname",
  )
  return rows.map((row) => String(row['nspname']))
}
