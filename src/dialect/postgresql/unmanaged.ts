import type { IntrospectOptions, Queryable, UnmanagedObject } from '../introspector.js'
import { postgresLiteral } from './literal.js'

/** Objects that belong to an extension come and go with it: not listed one by one. */
const NOT_IN_EXTENSION = (oid: string, catalog: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = ${oid} AND e.classid = '${catalog}'::regclass AND e.deptype = 'e')`

const OBJECTS_SQL = `SELECT kind, schema, name FROM (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
      ELSE 'composite type' END AS kind, n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('c.oid', 'pg_class')}
      AND c.relkind IN ('f', 'c')
  UNION ALL SELECT 'range type', n.nspname, t.typname
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname IN ($SCHEMAS) AND t.typtype = 'r' AND ${NOT_IN_EXTENSION('t.oid', 'pg_type')}
  UNION ALL SELECT 'index on partition', n.nspname, i.relname || ' on ' || c.relname FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid)
  UNION ALL SELECT 'constraint on partition', n.nspname, con.conname || ' on ' || c.relname FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND c.relispartition
      -- Checks and (PostgreSQL 18) NOT NULL constraints are inherited, counted in conislocal; keys are cloned, with conparentid.
      AND CASE WHEN con.contype IN ('c', 'n') THEN con.conislocal ELSE con.conparentid = 0 END
  UNION ALL SELECT 'window function', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ($SCHEMAS) AND ${NOT_IN_EXTENSION('p.oid', 'pg_proc')} AND p.prokind = 'w'
  UNION ALL SELECT 'policy', n.nspname, p.polname || ' on ' || c.relname FROM pg_policy p
    JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ($SCHEMAS)
  UNION ALL SELECT 'rule', n.nspname, r.rulename || ' on ' || c.relname FROM pg_rewrite r
    JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ($SCHEMAS) AND r.rulename <> '_RETURN'
) o ORDER BY kind, schema, name`

/**
 * What a PostgreSQL schema holds that the schema model leaves out: range
 * and composite types, window functions (written in C), policies, rules, and the
 * indexes and constraints a partition has of its own (not its partitioned
 * table's, which it shares). Views and materialized views, enum types,
 * domains, extensions, partitions, sequences no column owns, functions and
 * procedures (overloads each on its own), aggregates and triggers are modelled (see
 * introspect-objects.ts, stored-code.ts); what an extension brings is never
 * listed.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await postgresUnmanaged(db) // [{ kind: 'view', name: 'recent_orders' }, …]
 */
export async function postgresUnmanaged(db: Queryable, options: IntrospectOptions = {}): Promise<UnmanagedObject[]> {
  const schemas = ['current_schema()', ...(options.schemas ?? []).map((s) => postgresLiteral(s))].join(', ')
  const [home] = await db.query('SELECT current_schema() AS home')
  const rows = await db.query(OBJECTS_SQL.replaceAll('$SCHEMAS', () => schemas))
  return rows.map((row) => {
    const schema = String(row['schema'])
    const name = String(row['name'])
    return { kind: String(row['kind']), name: schema === String(home?.['home']) ? name : `${schema}.${name}` }
  })
}
