import assert from 'node:assert/strict'
import { storedCodeCatalog } from '../fidelity/stored-code-catalog.js'
import { fixtureStatements, roundTrip } from '../fidelity/round-trip.js'
import type { TestDatabase } from '../helpers/databases.js'

/** The fixture's statements that write rows, replayed on the rebuilt database so its triggers fire as the source's did. */
const writes = (fixture: string) => fixtureStatements(fixture).filter((sql) => /^(INSERT|UPDATE|DELETE|CALL)\b/.test(sql))

const ROWS: Readonly<Record<string, readonly string[]>> = {
  sqlite: ['SELECT * FROM customer ORDER BY id', 'SELECT * FROM orders ORDER BY id', 'SELECT * FROM address_log ORDER BY id'],
  postgresql: ['SELECT * FROM emp ORDER BY empname', 'SELECT * FROM emp_audit ORDER BY id', 'SELECT payroll(0) AS total'],
  mysql: ['SELECT * FROM animals ORDER BY id', 'SELECT * FROM animal_count', "SELECT hello('world') AS greeting"],
}

async function rows(db: TestDatabase): Promise<unknown[]> {
  return Promise.all(ROWS[db.dialect]!.map((sql) => db.query(sql)))
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  const fixture = `stored-code-${dialect}.sql`
  roundTrip(dialect, fixture, storedCodeCatalog(dialect), async (source, rebuilt, models) => {
    assert.match(models, /export const \w+ = trigger\('[a-z_]+', sql`CREATE /)
    if (dialect !== 'sqlite') assert.match(models, /export const \w+ = routine\('[a-z_]+', sql`CREATE /)
    assert.doesNotMatch(models, /DEFINER/)
    // Without the source's schema before the objects' names, the models make them in whichever schema the search path names.
    assert.doesNotMatch(models, /(?:FUNCTION|PROCEDURE|ON) public\./)
    // The same writes on the empty rebuilt tables fire the same triggers and routines, leaving the same rows.
    for (const sql of writes(fixture)) await rebuilt.query(sql)
    assert.deepEqual(await rows(rebuilt), await rows(source))
  })
}
