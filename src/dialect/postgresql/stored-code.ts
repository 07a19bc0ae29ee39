import { withOrReplace } from '../../ops/stored-code-text.js'
import type { Routine, RoutineKind, StoredCode, Trigger } from '../../schema/stored-code.js'
import type { Row } from '../../ops/operation-sink.js'
import type { Queryable } from '../introspector.js'
import { inRolledBackTransaction, type StoredCodeSupport } from '../stored-code-support.js'
import { AGGREGATE_COLUMNS, aggregateDefinition } from './aggregates.js'
import { postgresLiteral } from './literal.js'
import { postgresArgumentTypes } from './routine-arguments.js'

/** The namespace of `schema`, the connection's own when none is given. */
const namespaceOf = (schema: string | undefined) =>
  `(SELECT oid FROM pg_namespace WHERE nspname = ${schema === undefined ? 'current_schema()' : postgresLiteral(schema)})`

// Each routine is keyed by its name and argument types (overloads are distinct objects), as format_type prints
// them and DROP FUNCTION takes them; an aggregate's as DROP AGGREGATE takes them (see postgresArgumentTypes).
// pg_get_functiondef refuses aggregates: their statement is rebuilt from pg_aggregate (aggregates.ts). Window
// functions, written in C, stay unmanaged (unmanaged.ts). What an extension brings is the extension's, and what
// PostgreSQL makes as part of another object (a range type's constructors, dependency 'i') is that object's.
const ROUTINES_SQL = `SELECT p.proname AS name,
    CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind,
    CASE WHEN p.prokind = 'a' THEN pg_get_function_identity_arguments(p.oid) ELSE (SELECT coalesce(string_agg(format_type(t.type, NULL),
      ', ' ORDER BY t.n), '') FROM unnest(p.proargtypes) WITH ORDINALITY t(type, n)) END AS arguments,
    CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition,
    NULLIF(n.nspname, current_schema()) AS schema, ${AGGREGATE_COLUMNS}
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
 WHERE $WHERE AND p.prokind IN ('f', 'p', 'a')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.classid = 'pg_proc'::regclass AND e.deptype IN ('e', 'i'))
 ORDER BY n.nspname, p.proname, arguments`

// A trigger on a partitioned table is cloned onto each partition, depending on the parent's (deptype P since
// PostgreSQL 13, an internal trigger before): only the parent's is the user's.
const TRIGGERS_SQL = `SELECT t.tgname AS name, c.relname AS "table", pg_get_triggerdef(t.oid) AS definition,
    NULLIF(n.nspname, current_schema()) AS schema
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ($SCHEMAS) AND NOT t.tgisinternal
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_trigger'::regclass AND d.objid = t.oid AND d.deptype = 'P')
 ORDER BY n.nspname, c.relname, t.tgname`

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The statement without the connection's own schema before the routine's
 * or the trigger's table's name, which `pg_get_functiondef` and
 * `pg_get_triggerdef` always write: so it makes the same object in
 * whichever schema the search path names (a tenant's, a scratch one).
 */
function inHomeSchema(definition: string, home: string): string {
  const schema = escaped(home)
  return definition
    .trim()
    .replace(new RegExp(`^(CREATE OR REPLACE (?:FUNCTION|PROCEDURE) )${schema}\\.`), '$1')
    .replace(new RegExp(`^(CREATE (?:CONSTRAINT )?TRIGGER [\\s\\S]*? ON )${schema}\\.`), '$1')
}

async function homeSchema(db: Queryable): Promise<string> {
  const [row] = await db.query('SELECT quote_ident(current_schema()) AS home')
  return String(row?.['home'])
}

// An aggregate's identity arguments less their names, spelled as a model's statement is read (`*` for none).
const aggregateArguments = (identity: string) => postgresArgumentTypes(`CREATE AGGREGATE a(${identity})`) ?? identity
const schemaOf = (row: Row) => (row['schema'] === null || row['schema'] === undefined ? {} : { schema: String(row['schema']) })

/** The routines `where` picks, each with the statement that makes it. */
async function routinesWhere(db: Queryable, where: string, home: string): Promise<Routine[]> {
  const rows = await db.query(ROUTINES_SQL.replace('$WHERE', () => where))
  return rows.map(
    (row): Routine => ({
      name: String(row['name']),
      routineKind: String(row['kind']) as RoutineKind,
      ...schemaOf(row),
      arguments: row['kind'] === 'aggregate' ? aggregateArguments(String(row['arguments'])) : String(row['arguments']),
      definition: row['kind'] === 'aggregate' ? aggregateDefinition(row) : inHomeSchema(String(row['definition']), home),
    }),
  )
}

/** The routine `routine`'s statement makes, as read back in a transaction then rolled back. */
async function madeBy(db: Queryable, routine: Routine): Promise<Routine | undefined> {
  return inRolledBackTransaction(db, async () => {
    await db.query(withOrReplace(routine.definition))
    // The row the statement just wrote, whether it made the routine or replaced it.
    const where =
      `p.pronamespace = ${namespaceOf(routine.schema)} AND p.proname = ${postgresLiteral(routine.name)} ` +
      'AND p.xmin::text = (txid_current() % 4294967296)::text'
    const [made] = await routinesWhere(db, where, await homeSchema(db))
    return made
  })
}

/**
 * PostgreSQL's functions, procedures, aggregates and triggers in the connection's
 * schema and in the schemas `options` names (those with their `schema`),
 * as `pg_get_functiondef` and `pg_get_triggerdef` print them
 * (less the schema's own name before the object's), an aggregate's
 * statement rebuilt from `pg_aggregate`; those an extension
 * owns come and go with it and are left out. Routines of one name are told
 * apart by their argument types (`arguments`). A model's
 * statement is normalised by running it in a transaction that is rolled
 * back and printing what it made.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * const { triggers, routines } = await postgresStoredCode.read(db)
 * triggers // [{ name: 'orders_touch', table: 'orders', definition: 'CREATE TRIGGER orders_touch … ON public.orders …' }]
 */
export const postgresStoredCode: StoredCodeSupport = {
  routines: true,
  async read(db: Queryable, options = {}): Promise<StoredCode> {
    const schemas = ['current_schema()', ...(options.schemas ?? []).map((s) => postgresLiteral(s))].join(', ')
    const sql = (text: string) => text.replaceAll('$SCHEMAS', () => schemas)
    const home = await homeSchema(db)
    const triggers = await db.query(sql(TRIGGERS_SQL))
    return {
      routines: await routinesWhere(db, sql('n.nspname IN ($SCHEMAS)'), home),
      triggers: triggers.map(
        (row): Trigger => ({
          name: String(row['name']),
          table: String(row['table']),
          ...schemaOf(row),
          definition: inHomeSchema(String(row['definition']), home),
        }),
      ),
    }
  },
  normalizeRoutine: async (db, routine) => (await madeBy(db, routine))?.definition,
  routineArguments: async (db, routine) => (await madeBy(db, routine))?.arguments,
  argumentsOf: (routine) => routine.arguments ?? postgresArgumentTypes(routine.definition),
  normalizeTrigger: (db, trigger) =>
    inRolledBackTransaction(db, async () => {
      const table = `${trigger.schema === undefined ? '' : `${quoted(trigger.schema)}.`}${quoted(trigger.table)}`
      await db.query(`DROP TRIGGER IF EXISTS ${quoted(trigger.name)} ON ${table}`)
      await db.query(trigger.definition)
      const [row] = await db.query(
        `SELECT pg_get_triggerdef(t.oid) AS definition FROM pg_trigger t WHERE t.tgname = ${postgresLiteral(trigger.name)} ` +
          `AND t.tgrelid = ${postgresLiteral(table)}::regclass`,
      )
      return row === undefined ? undefined : inHomeSchema(String(row['definition']), await homeSchema(db))
    }),
}
