import type { Index } from '../../schema/types.js'
import { viewBehaviour, type View, type ViewBehaviour } from '../../schema/view.js'
import type { Row } from '../../ops/operation-sink.js'
import type { IntrospectOptions, Queryable } from '../introspector.js'
import { scratchViewName, type ViewSupport } from '../view-support.js'
import { postgresLiteral } from './literal.js'
import { postgresIndex } from './introspect-index.js'
import { catalogQuery, INDEXES_SQL } from './introspect-sql.js'

const VIEWS_SQL = `SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid) AS definition,
    array_to_string(c.reloptions, ',') AS options, obj_description(c.oid, 'pg_class') AS comment,
    (SELECT string_agg(DISTINCT coalesce(t.relname, f.proname), ',') FROM pg_rewrite r
       JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass
       LEFT JOIN pg_class t ON d.refclassid = 'pg_class'::regclass AND t.oid = d.refobjid AND t.oid <> c.oid
       LEFT JOIN pg_proc f ON d.refclassid = 'pg_proc'::regclass AND f.oid = d.refobjid
      WHERE r.ev_class = c.oid) AS depends
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('v', 'm') AND n.nspname IN ($SCHEMAS)
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.classid = 'pg_class'::regclass AND e.deptype = 'e')
 ORDER BY n.nspname, c.relname`

/** The indexes of materialized views, read as a table's are. */
const MATERIALIZED_VIEW_INDEXES_SQL = INDEXES_SQL.replace(
  'WHERE n.nspname IN ($SCHEMAS)',
  "WHERE c.relkind = 'm' AND n.nspname IN ($SCHEMAS)",
)

/**
 * A view's check option and security from its reloptions
 * (`check_option=cascaded,security_invoker=true`); a boolean option may be
 * stored as any of the words PostgreSQL takes for true.
 */
function behaviourOf(options: unknown): ViewBehaviour {
  const set = new Map(
    (typeof options === 'string' && options !== '' ? options.split(',') : []).map((option) => {
      const at = option.indexOf('=')
      return [option.slice(0, at).toLowerCase(), option.slice(at + 1).toLowerCase()] as const
    }),
  )
  const on = (name: string) => ['true', 'on', 'yes', '1'].includes(set.get(name) ?? '')
  const check = set.get('check_option')
  return viewBehaviour({
    ...(check === 'local' || check === 'cascaded' ? { checkOption: check } : {}),
    securityInvoker: on('security_invoker'),
    securityBarrier: on('security_barrier'),
  })
}

/**
 * PostgreSQL's views and materialized views, their text from
 * `pg_get_viewdef` and what they read and the functions they call from
 * `pg_depend` (through the view's rewrite rule), a materialized view's
 * indexes as a table's. A model's definition is normalised by creating it as a
 * temporary view, which PostgreSQL prints the way it prints the real one
 * (names are qualified only where the search path would not find them),
 * then dropping it.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await postgresViews.read(db) // [{ name: 'active_users', definition: ' SELECT users.id …', dependsOn: ['users'] }]
 */
export const postgresViews: ViewSupport = {
  async read(db: Queryable, options: IntrospectOptions = {}): Promise<View[]> {
    const schemas = ['current_schema()', ...(options.schemas ?? []).map((s) => postgresLiteral(s))].join(', ')
    const [home] = await db.query("SELECT current_schema() AS home, current_setting('server_version_num')::int AS version")
    const rows = await db.query(VIEWS_SQL.replaceAll('$SCHEMAS', () => schemas))
    const indexes = rows.some((row) => row['materialized'] === true)
      ? await materializedViewIndexes(db, schemas, Number(home?.['version']))
      : new Map()
    return rows.map((row) => {
      const schema = String(row['schema'])
      const depends = row['depends'] === null ? [] : String(row['depends']).split(',')
      const own = indexes.get(`${schema}.${String(row['name'])}`)
      return {
        name: String(row['name']),
        ...(schema === String(home?.['home']) ? {} : { schema }),
        definition: String(row['definition']).trim(),
        ...(row['materialized'] === true ? { materialized: true } : {}),
        ...behaviourOf(row['options']),
        ...(own === undefined ? {} : { indexes: own }),
        ...(row['comment'] == null ? {} : { comment: String(row['comment']) }),
        dependsOn: depends,
      }
    })
  },
  normalize: normalizeViews,
}

/** Each materialized view's indexes, by `schema.view`. */
async function materializedViewIndexes(db: Queryable, schemas: string, version: number): Promise<Map<string, Index[]>> {
  const sql = catalogQuery(MATERIALIZED_VIEW_INDEXES_SQL, schemas, version)
  const byView = new Map<string, Index[]>()
  for (const row of await db.query(sql)) {
    const key = `${String(row['schema'])}.${String(row['tbl'])}`
    byView.set(key, [...(byView.get(key) ?? []), postgresIndex(row)])
  }
  return byView
}

/**
 * The views normalised in two round trips however many they are: their
 * throwaway views created in one batch that ends by reading them all back,
 * then dropped together. The batch is one implicit transaction, so a
 * refused definition leaves nothing behind; the views are then taken in
 * halves until the refused one stands alone.
 */
async function normalizeViews(db: Queryable, views: readonly View[]): Promise<(string | undefined)[]> {
  if (views.length === 0) return []
  const names = views.map(() => scratchViewName())
  // A line of its own before each semicolon: a definition may end in a -- comment.
  const creates = views.map((view, at) => `CREATE TEMPORARY VIEW "${names[at]}" AS ${body(view)}\n;\n`).join('')
  const read = `SELECT v.name, pg_get_viewdef(('pg_temp.' || quote_ident(v.name))::regclass) AS definition
    FROM unnest(ARRAY[${names.map((name) => `'${name}'`).join(', ')}]) AS v(name)`
  let rows: Row[]
  try {
    rows = await db.query(`${creates}${read}`)
  } catch {
    if (views.length === 1) return [undefined]
    const half = Math.ceil(views.length / 2)
    return [...(await normalizeViews(db, views.slice(0, half))), ...(await normalizeViews(db, views.slice(half)))]
  }
  await db.query(`DROP VIEW IF EXISTS ${names.map((name) => `pg_temp."${name}"`).join(', ')}`)
  const byName = new Map(rows.map((row) => [String(row['name']), String(row['definition'] ?? '').trim()]))
  return names.map((name) => byName.get(name))
}

function body(view: View): string {
  return view.definition.trim().replace(/;\s*$/, '')
}
