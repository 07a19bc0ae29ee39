import type { Domain, DomainCheck } from '../../schema/pg-domain.js'
import type { Queryable } from '../introspector.js'

// A domain an extension brings comes and goes with it. PostgreSQL 17 keeps a
// domain's NOT NULL in pg_constraint too (contype 'n'): typnotnull says it on every version.
const DOMAINS_SQL = `SELECT n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS type,
    t.typdefault AS dflt, t.typnotnull AS not_null,
    (SELECT json_agg(json_build_object('name', c.conname, 'def', pg_get_constraintdef(c.oid)) ORDER BY c.oid)
       FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') AS checks
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'd' AND n.nspname IN ($SCHEMAS)
    AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = t.oid AND x.classid = 'pg_type'::regclass AND x.deptype = 'e')
  ORDER BY n.nspname, t.typname`

/**
 * The domains of `schemas` (SQL expressions, the current schema's first):
 * base type as `format_type` spells it, default as stored, NOT NULL, and
 * each check with its name in the order they were added.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await readPostgresDomains(db, 'current_schema()', () => ({}))
 * // [{ name: 'positive_int', type: 'integer', checks: [{ name: 'positive_int_check', expression: '(VALUE > 0)' }] }]
 */
export async function readPostgresDomains(
  db: Queryable,
  schemas: string,
  schemaOf: (row: Record<string, unknown>) => { schema?: string },
): Promise<Domain[]> {
  const rows = await db.query(DOMAINS_SQL.replaceAll('$SCHEMAS', () => schemas))
  return rows.map((row) => {
    const checks = checksOf(row['checks'])
    return {
      name: String(row['name']),
      ...schemaOf(row),
      type: String(row['type']),
      ...(row['dflt'] === null ? {} : { default: { kind: 'expression' as const, sql: String(row['dflt']) } }),
      ...(row['not_null'] === true ? { notNull: true } : {}),
      ...(checks.length === 0 ? {} : { checks }),
    }
  })
}

/** The checks as json_agg gives them: parsed by the pg driver, text from PGlite. */
function checksOf(value: unknown): DomainCheck[] {
  if (value === null || value === undefined) return []
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as { name: string; def: string }[]
  // A check added NOT VALID (existing values not checked yet) is the models' check all the same.
  return list.map((c) => ({ name: c.name, expression: c.def.replace(/^CHECK \((.*)\)(?: NOT VALID)?$/s, '$1') }))
}
