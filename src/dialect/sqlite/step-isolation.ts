import { AthanorError } from '../../core/errors.js'
import type { StepIsolation } from '../dialect.js'
import type { DatabaseConnection } from '../driver.js'
import { CREATE_FAILED_CHECKS, FAILED_CHECKS } from './failed-checks.js'
import { formatRow } from './rebuild/describe-failure.js'

const GUARD = '"_athanor_guard"'
const GUARD_MESSAGE =
  'athanor: this migration failed its checks (the rows a table rebuild copied, the triggers and views it put back, ' +
  'an index or trigger it would drop, or PRAGMA foreign_key_check), so it was rolled back'

/** Whether enforcement was on before `enter`, per connection, so `leave` restores exactly that. */
const enforcedBefore = new WeakMap<DatabaseConnection, boolean>()

/**
 * Whether `connection` is inside this isolation: its migration's check
 * before COMMIT covers every foreign key, so a rebuild need not check its own.
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * isolatedForRebuild(connection) // false outside an isolated migration
 */
export function isolatedForRebuild(connection: DatabaseConnection): boolean {
  return enforcedBefore.has(connection)
}

/**
 * SQLite runs a migration with a table rebuild as its ALTER TABLE page
 * prescribes (https://sqlite.org/lang_altertable.html#otheralter): foreign
 * keys off, set before BEGIN since the PRAGMA is a no-op inside a
 * transaction, so dropping the old table neither fires the children's ON
 * DELETE actions nor scans them; `PRAGMA foreign_key_check` over the whole
 * database before COMMIT; enforcement back as it was after.
 *
 * Offline, the checks of the migration are recorded in {@link FAILED_CHECKS}
 * and acted on by one guard before COMMIT, whose failure is `RAISE(ROLLBACK)`
 * from a temporary trigger: it undoes the whole migration, so even a sqlite3
 * shell that goes on after an error (no `.bail on`) has nothing of it to
 * COMMIT. A shell that stops at the error leaves the transaction open, and
 * its end rolls it back.
 *
 * @example
 * sqliteStepIsolation.script.before // ['PRAGMA foreign_keys = OFF']
 */
export const sqliteStepIsolation: StepIsolation = {
  async enter(connection) {
    const [row] = await connection.query('PRAGMA foreign_keys')
    enforcedBefore.set(connection, Number(Object.values(row ?? {})[0] ?? 0) === 1)
    await connection.execute({ sql: 'PRAGMA foreign_keys = OFF' })
  },
  async verify(connection) {
    const [bad] = await connection.query('SELECT "table" AS t, rowid AS r, parent FROM pragma_foreign_key_check LIMIT 1')
    if (bad === undefined) return
    const table = String(bad['t'])
    const rows =
      bad['r'] === null
        ? []
        : await connection.query(`SELECT * FROM "${table.replaceAll('"', '""')}" WHERE rowid = ?`, [bad['r'] as number])
    const example = rows[0] === undefined ? '' : `; e.g. row ${formatRow(rows[0])}`
    throw new AthanorError(
      'FOREIGN_KEY_VIOLATION',
      `a row of "${table}" refers to a missing row of "${String(bad['parent'])}"${example}; the migration was rolled back. ` +
        'It ran with foreign keys off for its table rebuild, so ON DELETE and ON UPDATE actions did not fire for its own ' +
        'statements either: delete or update the dependent rows in the migration, or move those statements to a migration before it',
    )
  },
  async leave(connection) {
    const enforced = enforcedBefore.get(connection) ?? true
    enforcedBefore.delete(connection)
    await connection.execute({ sql: `PRAGMA foreign_keys = ${enforced ? 'ON' : 'OFF'}` })
  },
  script: {
    before: ['PRAGMA foreign_keys = OFF'],
    verify: [
      CREATE_FAILED_CHECKS,
      `INSERT INTO ${FAILED_CHECKS} (what) SELECT 'foreign keys' WHERE EXISTS (SELECT 1 FROM pragma_foreign_key_check)`,
      // What failed, printed by the shell before the guard's message.
      `SELECT 'athanor: check failed: ' || what AS failed FROM ${FAILED_CHECKS}`,
      `CREATE TEMP TABLE ${GUARD} (ok INTEGER NOT NULL)`,
      `CREATE TEMP TRIGGER "_athanor_guard_check" BEFORE INSERT ON ${GUARD} WHEN NOT NEW.ok ` +
        `BEGIN SELECT RAISE(ROLLBACK, '${GUARD_MESSAGE}'); END`,
      `INSERT INTO temp.${GUARD} (ok) SELECT NOT EXISTS (SELECT 1 FROM ${FAILED_CHECKS})`,
      `DROP TABLE temp.${GUARD}`,
      `DROP TABLE ${FAILED_CHECKS}`,
    ],
    after: ['PRAGMA foreign_keys = ON'],
  },
}
