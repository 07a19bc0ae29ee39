import { readObjects, type CatalogObjectReader } from '../catalog-objects.js'

// Every schema of the user's: the system ones and those of temporary tables left out.
const USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
// Objects an extension created belong to the extension, which is listed itself.
const NOT_EXTENSION = (oid: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`

const QUERIES: readonly (readonly [kind: string, sql: string])[] = [
  ['schema', `SELECT n.nspname AS name, '' AS definition FROM pg_namespace n WHERE ${USER_SCHEMA} AND n.nspname <> 'public'`],
  [
    'extension',
    `SELECT e.extname AS name, e.extversion || ' SCHEMA ' || n.nspname AS definition
       FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,
  ],
  [
    'enum',
    `SELECT n.nspname || '.' || t.typname AS name, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) AS definition
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION('t.oid')} GROUP BY n.nspname, t.typname`,
  ],
  [
    'domain',
    `SELECT n.nspname || '.' || t.typname AS name, format_type(t.typbasetype, t.typtypmod) || coalesce(' DEFAULT ' || t.typdefault, '')
            || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END AS definition
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND ${USER_SCHEMA}`,
  ],
  [
    'composite type',
    `SELECT n.nspname || '.' || t.typname AS name,
            string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END,
              ', ' ORDER BY a.attnum) AS definition
       FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
       JOIN pg_namespace n ON n.oid = t.typnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_type at ON at.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation
      WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION('t.oid')} GROUP BY n.nspname, t.typname`,
  ],
  [
    'range type',
    `SELECT n.nspname || '.' || t.typname AS name, format_type(r.rngsubtype, NULL)
            || ' OPCLASS ' || (SELECT o.opcname FROM pg_opclass o WHERE o.oid = r.rngsubopc)
            || coalesce(' COLLATE ' || r.rngcollation::regcollation::text, '') || ' CANONICAL ' || r.rngcanonical::regproc::text
            || ' DIFF ' || r.rngsubdiff::regproc::text AS definition
       FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION('t.oid')}`,
  ],
  [
    'sequence',
    `SELECT schemaname || '.' || sequencename AS name,
            concat_ws(' ', data_type, 'START', start_value, 'INCREMENT', increment_by, 'MINVALUE', min_value, 'MAXVALUE', max_value,
                      CASE WHEN cycle THEN 'CYCLE' END) AS definition
       FROM pg_sequences WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  ],
  [
    'view',
    `SELECT schemaname || '.' || viewname AS name, definition FROM pg_views WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  ],
  ['materialized view', "SELECT schemaname || '.' || matviewname AS name, definition FROM pg_matviews"],
  [
    'trigger',
    `SELECT n.nspname || '.' || c.relname || '.' || t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND ${USER_SCHEMA}`,
  ],
  [
    'routine',
    `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
            pg_get_functiondef(p.oid) AS definition
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.prokind IN ('f', 'p') AND ${USER_SCHEMA} AND ${NOT_EXTENSION('p.oid')}`,
  ],
  [
    'aggregate',
    `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
            concat_ws(' ', a.aggkind, a.aggnumdirectargs, a.aggtransfn, format_type(a.aggtranstype, NULL), a.aggtransspace, a.aggfinalfn,
                      a.aggfinalextra, a.aggfinalmodify, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.agginitval, a.aggmtransfn,
                      a.aggminvtransfn, format_type(NULLIF(a.aggmtranstype, 0), NULL), a.aggmtransspace, a.aggmfinalfn,
                      a.aggmfinalextra, a.aggmfinalmodify, a.aggminitval, NULLIF(a.aggsortop, 0)::regoperator, p.proparallel) AS definition
       FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${USER_SCHEMA} AND ${NOT_EXTENSION('p.oid')}`,
  ],
]

/**
 * Schemas, extensions, enum types, domains, composite and range types, sequences, views, triggers, routines and aggregates,
 * in every schema of the user's.
 */
export const readPostgresqlCatalogObjects: CatalogObjectReader = async (db) =>
  (await Promise.all(QUERIES.map(([kind, sql]) => readObjects(db, kind, sql)))).flat()
