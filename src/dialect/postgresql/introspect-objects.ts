import type { IntrospectOptions, Queryable } from '../introspector.js'
import type { EnumType, Extension, Sequence, SchemaObjects } from '../../schema/pg-objects.js'
import { readPostgresDomains } from './introspect-domains.js'
import { readPostgresComposites } from './introspect-composites.js'
import { readPostgresRanges } from './introspect-ranges.js'
import { readPostgresPartitions } from './introspect-partitions.js'
import { postgresLiteral } from './literal.js'
import { isSequenceType, sequenceDefaults, sequenceNumber } from '../../schema/sequence-defaults.js'

/** What an extension brings comes and goes with it: never read one by one. */
const notInExtension = (oid: string, catalog: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = ${oid} AND x.classid = '${catalog}'::regclass AND x.deptype = 'e')`

const ENUMS_SQL = `SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname IN ($SCHEMAS) AND ${notInExtension('t.oid', 'pg_type')}
  GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname`

// plpgsql is in every database from its creation: no schema asks for it.
const EXTENSIONS_SQL = `SELECT e.extname AS name, n.nspname AS schema, e.extrelocatable AS relocatable,
    ARRAY(SELECT t.typname::text FROM pg_depend d JOIN pg_type t ON t.oid = d.objid WHERE d.refobjid = e.oid
      AND d.refclassid = 'pg_extension'::regclass AND d.classid = 'pg_type'::regclass AND d.deptype = 'e' ORDER BY 1) AS types
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.extname`

// A sequence a column owns (SERIAL's, an identity's) belongs to its table.
const SEQUENCES_SQL = `SELECT n.nspname AS schema, c.relname AS name, s.seqstart::text AS start, s.seqincrement::text AS increment,
    s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle, format_type(s.seqtypid, NULL) AS type
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname IN ($SCHEMAS) AND ${notInExtension('c.oid', 'pg_class')}
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass
      AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))
  ORDER BY n.nspname, c.relname`

/** The options PostgreSQL would not have chosen itself (its defaults for the sequence's type and direction). */
function sequenceOf(row: Record<string, unknown>, schema: object): Sequence {
  const increment = Number(row['increment'])
  const min = String(row['min'])
  const max = String(row['max'])
  const ascending = increment > 0
  const type = String(row['type'])
  const defaults = sequenceDefaults(isSequenceType(type) ? type : 'bigint', increment)
  const start = String(row['start'])
  return {
    name: String(row['name']),
    ...schema,
    ...(isSequenceType(type) && type !== 'bigint' ? { type } : {}),
    ...(increment === 1 ? {} : { increment }),
    ...(min === defaults.minValue ? {} : { minValue: sequenceNumber(min) }),
    ...(max === defaults.maxValue ? {} : { maxValue: sequenceNumber(max) }),
    ...(start === (ascending ? min : max) ? {} : { start: sequenceNumber(start) }),
    ...(String(row['cache']) === '1' ? {} : { cache: Number(row['cache']) }),
    ...(row['cycle'] === true ? { cycle: true } : {}),
  }
}

/**
 * Reads a PostgreSQL database's enum types (labels in sort order),
 * extensions, the sequences no column owns, domains, partitions, composite and range types, in the current schema and
 * `options.schemas`; the current schema's are named without it.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * const { enums } = await introspectPostgresObjects(db) // [{ name: 'mood', values: ['sad', 'ok', 'happy'] }]
 */
export async function introspectPostgresObjects(db: Queryable, options: IntrospectOptions = {}): Promise<SchemaObjects> {
  const schemas = ['current_schema()', ...(options.schemas ?? []).map((s) => postgresLiteral(s))].join(', ')
  const [home] = await db.query('SELECT current_schema() AS home')
  const schemaOf = (row: Record<string, unknown>) => (row['schema'] === home?.['home'] ? {} : { schema: String(row['schema']) })
  const enums: EnumType[] = (await db.query(ENUMS_SQL.replaceAll('$SCHEMAS', () => schemas))).map((row) => ({
    name: String(row['name']),
    ...schemaOf(row),
    values: labels(row['labels']),
  }))
  const extensions: Extension[] = (await db.query(EXTENSIONS_SQL)).map((row) => ({
    name: String(row['name']),
    ...schemaOf(row),
    ...(row['relocatable'] === false ? { relocatable: false as const } : {}),
    types: labels(row['types']),
  }))
  const sequences = (await db.query(SEQUENCES_SQL.replaceAll('$SCHEMAS', () => schemas))).map((row) => sequenceOf(row, schemaOf(row)))
  const domains = await readPostgresDomains(db, schemas, schemaOf)
  const partitions = await readPostgresPartitions(db, schemas, schemaOf)
  const composites = await readPostgresComposites(db, schemas, schemaOf)
  const ranges = await readPostgresRanges(db, schemas, schemaOf)
  return {
    enums,
    extensions,
    sequences,
    ...(domains.length === 0 ? {} : { domains }),
    ...(partitions.length === 0 ? {} : { partitions }),
    ...(composites.length === 0 ? {} : { composites }),
    ...(ranges.length === 0 ? {} : { ranges }),
  }
}

/** An array of text as a driver returns it: an array, or PostgreSQL's `{a,"b c"}` literal (PGlite). */
function labels(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  const text = String(value ?? '{}').slice(1, -1)
  const out: string[] = []
  const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m[1] === undefined ? m[2]! : m[1].replace(/\\(.)/g, '$1'))
  return out
}
