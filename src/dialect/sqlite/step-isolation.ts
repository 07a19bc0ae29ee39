import { AthanorError } from '../../core/errors.js'
import type { StepIsolation } from '../dialect.js'
import type { DatabaseConnection } from '../driver.js'
import { formatRow } from './rebuild/describe-failure.js'

const GUARD = '"_athanor_fk_guard"'
const GUARD_MESSAGE =
  'athanor: this migration left rows that violate a foreign key, so it was rolled back; PRAGMA foreign_key_check lists them'

/** Whether enforcement was on before `enter`, per connection, so `leave` restores exactly that. */
const enforcedBefore = new WeakMap<DatabaseConnection, boolean>()

/**
 * SQLite runs a migration with a table rebuild as its ALTER TABLE page
 * prescribes (https://sqlite.org/lang_altertable.html#otheralter): foreign
 * keys off, set before BEGIN since the PRAGMA is a no-op inside a
 * transaction, so dropping the old table neither fires the children's ON
 * DELETE actions nor scans them; `PRAGMA foreign_key_check` over the whole
 * database before COMMIT; enforcement back as it was after.
 *
 * Offline, the check is a guard whose failure is `RAISE(ROLLBACK)` from a
 * temporary trigger: it undoes the whole migration, so even a sqlite3 shell
 * that goes on after an error (no `.bail on`) has nothing of it to COMMIT.
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
      `a row of "${table}" refers to a missing row of "${String(bad['parent'])}"${example}; the migration was rolled back`,
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
      `CREATE TEMP TABLE ${GUARD} (ok INTEGER NOT NULL)`,
      `CREATE TEMP TRIGGER "_athanor_fk_guard_check" BEFORE INSERT ON ${GUARD} WHEN NOT NEW.ok BEGIN SELECT RAISE(ROLLBACK, '${GUARD_MESSAGE}'); END`,
      `INSERT INTO temp.${GUARD} (ok) SELECT NOT EXISTS (SELECT 1 FROM pragma_foreign_key_check)`,
      `DROP TABLE temp.${GUARD}`,
    ],
    after: ['PRAGMA foreign_keys = ON'],
  },
}
