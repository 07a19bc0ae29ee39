import { multirangeNameOf, type RangeType } from '../../schema/pg-range.js'
import type { Queryable } from '../introspector.js'

// pg_range holds what CREATE TYPE … AS RANGE was given, with its defaults filled in: the subtype's default btree
// operator class and its collation are left out here, as the models leave them out. Functions are regproc text,
// qualified only where the search_path does not reach them.
const RANGES_SQL = `SELECT n.nspname AS schema, t.typname AS name, format_type(r.rngsubtype, NULL) AS subtype,
    CASE WHEN NOT oc.opcdefault THEN CASE WHEN pg_opclass_is_visible(oc.oid) THEN quote_ident(oc.opcname)
      ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END END AS opclass,
    CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN co.collname END AS collation,
    CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS canonical,
    CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS subtype_diff,
    mt.typname AS multirange
  FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_type st ON st.oid = r.rngsubtype
  JOIN pg_opclass oc ON oc.oid = r.rngsubopc JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
  LEFT JOIN pg_collation co ON co.oid = r.rngcollation
  LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid
  WHERE n.nspname IN ($SCHEMAS)
    AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = t.oid AND x.classid = 'pg_type'::regclass AND x.deptype = 'e')
  ORDER BY n.nspname, t.typname`

// Before PostgreSQL 14 there are no multiranges, and no rngmultitypid.
const RANGES_SQL_13 = RANGES_SQL.replace('mt.typname AS multirange', 'NULL AS multirange').replace(
  'LEFT JOIN pg_type mt ON mt.oid = r.rngmultitypid',
  '',
)

/**
 * The range types of `schemas` (SQL expressions, the current schema's
 * first), each option only where it is not PostgreSQL's default: an
 * operator class that is not the subtype's default, a collation not the
 * subtype's, the functions given, a multirange not named after the range.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await readPostgresRanges(db, 'current_schema()', () => ({}))
 * // [{ name: 'floatrange', subtype: 'double precision', subtypeDiff: 'float8mi' }]
 */
export async function readPostgresRanges(
  db: Queryable,
  schemas: string,
  schemaOf: (row: Record<string, unknown>) => { schema?: string },
): Promise<RangeType[]> {
  const [version] = await db.query(`SELECT current_setting('server_version_num')::int AS v`)
  const sql = Number(version?.['v'] ?? 0) >= 140000 ? RANGES_SQL : RANGES_SQL_13
  const rows = await db.query(sql.replaceAll('$SCHEMAS', () => schemas))
  return rows.map((row) => {
    const text = (key: string) => (row[key] === null || row[key] === undefined ? undefined : String(row[key]))
    const type: RangeType = {
      name: String(row['name']),
      ...schemaOf(row),
      subtype: String(row['subtype']),
      ...optional('subtypeOpclass', text('opclass')),
      ...optional('collation', text('collation')),
      ...optional('canonical', text('canonical')),
      ...optional('subtypeDiff', text('subtype_diff')),
    }
    const multirange = text('multirange')
    return multirange === undefined || multirange === multirangeNameOf(type) ? type : { ...type, multirangeTypeName: multirange }
  })
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>)
