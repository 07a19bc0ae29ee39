import type { CompositeAttribute, CompositeType } from '../../schema/pg-composite.js'
import type { Queryable } from '../introspector.js'

// A table's row type is a composite type too (typtype 'c'), of a relation of relkind 'r': only relkind 'c' is a
// CREATE TYPE … AS (…). An attribute's collation is its own where it is not its type's default.
const COMPOSITES_SQL = `SELECT n.nspname AS schema, t.typname AS name,
    json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
        'collation', CASE WHEN a.attcollation <> at.typcollation THEN co.collname END) ORDER BY a.attnum)
      FILTER (WHERE a.attnum IS NOT NULL) AS attributes
  FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_type at ON at.oid = a.atttypid
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
  WHERE t.typtype = 'c' AND n.nspname IN ($SCHEMAS)
    AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = t.oid AND x.classid = 'pg_type'::regclass AND x.deptype = 'e')
  GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname`

/**
 * The composite types of `schemas` (SQL expressions, the current schema's
 * first): each attribute in its order, with its type as `format_type`
 * spells it and a collation of its own.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await readPostgresComposites(db, 'current_schema()', () => ({}))
 * // [{ name: 'address', attributes: [{ name: 'street', type: 'text' }, { name: 'city', type: 'character varying(80)' }] }]
 */
export async function readPostgresComposites(
  db: Queryable,
  schemas: string,
  schemaOf: (row: Record<string, unknown>) => { schema?: string },
): Promise<CompositeType[]> {
  const rows = await db.query(COMPOSITES_SQL.replaceAll('$SCHEMAS', () => schemas))
  return rows.map((row) => ({ name: String(row['name']), ...schemaOf(row), attributes: attributesOf(row['attributes']) }))
}

/** The attributes as json_agg gives them: parsed by the pg driver, text from PGlite; null for a type with none. */
function attributesOf(value: unknown): CompositeAttribute[] {
  if (value === null || value === undefined) return []
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as { name: string; type: string; collation: string | null }[]
  return list.map((a) => ({ name: a.name, type: a.type, ...(a.collation === null ? {} : { collation: a.collation }) }))
}
