import type { Partition } from '../../schema/partitioning.js'
import type { Queryable } from '../introspector.js'

const PARTITIONS_SQL = `SELECT n.nspname AS schema, c.relname AS name, pn.nspname AS parent_schema, p.relname AS parent,
    pg_get_expr(c.relpartbound, c.oid) AS bounds, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
  WHERE c.relispartition AND c.relkind IN ('r', 'p') AND n.nspname IN ($SCHEMAS)
  ORDER BY n.nspname, c.relname`

/**
 * The partitions in `schemas` (SQL expressions, the current schema's
 * first): parent, bounds as `pg_get_expr` writes them, and the partition
 * key of a partition partitioned again. A parent in the partition's own
 * schema is named without one.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await readPostgresPartitions(db, 'current_schema()', () => ({}))
 * // [{ name: 'sales_2024', parent: 'sales', bounds: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" }]
 */
export async function readPostgresPartitions(
  db: Queryable,
  schemas: string,
  schemaOf: (row: Record<string, unknown>) => { schema?: string },
): Promise<Partition[]> {
  const rows = await db.query(PARTITIONS_SQL.replaceAll('$SCHEMAS', () => schemas))
  return rows.map((row) => ({
    name: String(row['name']),
    ...schemaOf(row),
    parent: String(row['parent']),
    ...(row['parent_schema'] === row['schema'] ? {} : { parentSchema: String(row['parent_schema']) }),
    bounds: String(row['bounds']),
    ...(row['partition_by'] === null ? {} : { partitionBy: String(row['partition_by']) }),
  }))
}
