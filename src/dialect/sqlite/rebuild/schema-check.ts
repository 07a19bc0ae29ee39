import type { CompileContext } from '../../default/context.js'
import { CREATE_FAILED_CHECKS, FAILED_CHECKS } from '../failed-checks.js'

const SCHEMA_CHECK = '"athanor_schema_check"'

/**
 * The triggers and views put back still compile against the new table: a
 * trigger or view using a dropped column would otherwise fail every later
 * statement that fires or reads it. ALTER TABLE RENAME COLUMN re-parses the
 * whole schema and names the first broken trigger or view, as DROP COLUMN
 * does (https://sqlite.org/lang_altertable.html#altertabrename); renaming a
 * column to its own name, undone at once, is that check alone.
 *
 * @example
 * declare const session: { execute(sql: string): Promise<void> } // a rebuild's, on a live connection
 * await checkSchema(session, '"artist"', '"id"') // throws: error in trigger artist_ins: no such column: NEW.name
 */
export async function checkSchema(session: { execute(sql: string): Promise<void> }, table: string, column: string): Promise<void> {
  await session.execute(`SAVEPOINT ${SCHEMA_CHECK}`)
  try {
    await session.execute(`ALTER TABLE ${table} RENAME COLUMN ${column} TO ${column}`)
  } finally {
    await session.execute(`ROLLBACK TO ${SCHEMA_CHECK}`)
    await session.execute(`RELEASE ${SCHEMA_CHECK}`)
  }
}

/** A table of the script's own, whose column rename re-parses the schema without rewriting a statement of the user's. */
const PROBE = '"_athanor_schema_probe"'

/**
 * The offline script's form of {@link checkSchema}: a sqlite3 shell that
 * goes on after an error would commit a trigger or view that no longer
 * compiles, so the check is recorded as failed first and the record taken
 * back only once the rename has run; the guard before COMMIT rolls back a
 * migration that kept it (see sqliteStepIsolation). The shell prints the
 * rename's error, naming the trigger or view; the rename is of a probe
 * table's column, so no statement of the user's schema is rewritten. The
 * shadow the script is written from runs these too: a trigger or view the
 * earlier migrations made fails the writing of the script already.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * schemaCheckScript('artist', ctx)
 * // CREATE TEMP TABLE IF NOT EXISTS "_athanor_failed" ...; INSERT ... 'triggers and views after the rebuild of "artist"'; ...
 */
export function schemaCheckScript(table: string, ctx: CompileContext): string[] {
  const what = ctx.renderLiteral(`triggers and views after the rebuild of "${table}"`)
  return [
    CREATE_FAILED_CHECKS,
    `INSERT INTO ${FAILED_CHECKS} (what) VALUES (${what})`,
    `CREATE TABLE ${PROBE} (unparsed)`,
    `ALTER TABLE ${PROBE} RENAME COLUMN unparsed TO parsed`,
    // One record: an earlier rebuild's failed check keeps its own.
    `DELETE FROM ${FAILED_CHECKS} WHERE rowid = (SELECT max(rowid) FROM ${FAILED_CHECKS} WHERE what = ${what}) ` +
      `AND EXISTS (SELECT 1 FROM pragma_table_info(${ctx.renderLiteral(PROBE.slice(1, -1))}) WHERE name = 'parsed')`,
    `DROP TABLE ${PROBE}`,
  ]
}
