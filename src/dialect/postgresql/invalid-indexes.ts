import type { DatabaseConnection } from '../driver.js'
import type { CreatedIndex, InvalidIndex, InvalidIndexes } from '../invalid-indexes.js'
import { postgresCompiler } from './compiler.js'
import { indexesCreatedBy } from './index-statements.js'

/**
 * Invalid indexes, as an interrupted `CREATE INDEX CONCURRENTLY` leaves
 * them (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 * Left out: an index whose concurrent build is running now
 * (pg_stat_progress_create_index), which is invalid only until it ends, and
 * a partitioned index (relkind 'I'), which `CREATE INDEX ... ON ONLY` makes
 * invalid on purpose until every partition's index is attached.
 */
const INVALID_INDEXES_SQL = `
SELECT n.nspname AS "schema", t.relname AS "table", c.relname AS "name"
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
  AND c.relkind = 'i'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%'
  AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)
ORDER BY 1, 2, 3`

/** The schema an unqualified table name resolves to on this connection (its search_path), or none when no such table exists. */
const TABLE_SCHEMA_SQL = `
SELECT n.nspname AS "schema"
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = to_regclass(quote_ident($1::text))`

const quote = postgresCompiler.quoteIdentifier

/**
 * PostgreSQL's answer to {@link InvalidIndexes}.
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * const invalid = await postgresqlInvalidIndexes.read(connection)
 * invalid.map((index) => postgresqlInvalidIndexes.drop(index).sql) // ['DROP INDEX CONCURRENTLY IF EXISTS "public"."ix_items_name"']
 */
export const postgresqlInvalidIndexes: InvalidIndexes = {
  async read(connection) {
    const rows = await connection.query(INVALID_INDEXES_SQL)
    return rows.map((row): InvalidIndex => {
      const [schema, table, name] = [String(row['schema']), String(row['table']), String(row['name'])]
      return { schema, table, name, qualifiedName: `${quote(schema)}.${quote(name)}` }
    })
  },

  async createdBy(connection, statements) {
    const created: CreatedIndex[] = []
    for (const index of statements.flatMap(indexesCreatedBy)) {
      const schema = index.schema ?? (await tableSchema(connection, index.table))
      if (schema !== undefined) created.push({ schema, table: index.table, name: index.name })
    }
    return created
  },

  // CONCURRENTLY: the plain DROP INDEX would take an ACCESS EXCLUSIVE lock
  // on the table, stopping its readers and writers, which is what building
  // the index concurrently meant to avoid. It runs outside a transaction.
  drop: (index) => ({ sql: `DROP INDEX CONCURRENTLY IF EXISTS ${index.qualifiedName}` }),
}

async function tableSchema(connection: DatabaseConnection, table: string): Promise<string | undefined> {
  const [row] = await connection.query(TABLE_SCHEMA_SQL, [table])
  return row === undefined ? undefined : String(row['schema'])
}
