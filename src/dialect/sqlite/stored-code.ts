import { withoutClosingSemicolon } from '../../ops/stored-code-text.js'
import type { StoredCode } from '../../schema/stored-code.js'
import type { Queryable } from '../introspector.js'
import type { StoredCodeSupport } from '../stored-code-support.js'

/**
 * SQLite's triggers from `sqlite_master`, whose `sql` is the statement as
 * written save for what SQLite itself tidies (https://sqlite.org/schematab.html):
 * the CREATE keyword upper-cased and IF NOT EXISTS left out. SQLite has no
 * stored routines.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * await sqliteStoredCode.read(db) // { triggers: [{ name: 'touch', … }], routines: [] }
 */
export const sqliteStoredCode: StoredCodeSupport = {
  routines: false,
  async read(db: Queryable): Promise<StoredCode> {
    const rows = await db.query(
      "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " +
        'ORDER BY tbl_name, name',
    )
    return {
      triggers: rows.map((row) => ({ name: String(row['name']), table: String(row['tbl_name']), definition: String(row['sql']).trim() })),
      routines: [],
    }
  },
  normalizeTrigger: async (_db, trigger) =>
    withoutClosingSemicolon(trigger.definition)
      .replace(/^\s*create\s+(?:temp\s+|temporary\s+)?trigger\s+(?:if\s+not\s+exists\s+)?/i, 'CREATE TRIGGER ')
      .trim(),
  normalizeRoutine: async () => undefined,
}
