// mysql2 connects by default with IGNORE_SPACE, which the server puts in the
// session's sql_mode and stores with every trigger and routine a migration
// makes (a round trip then differs from its source), and with LOCAL_FILES,
// which lets a server ask for any file the process can read. athanor's
// connections ask for neither.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { useTestDatabase } from '../helpers/databases.js'

describe('mysql: the session athanor opens', () => {
  const db = useTestDatabase('mysql')

  test('has no IGNORE_SPACE, so triggers and routines keep the sql_mode of their source', async () => {
    const [row] = await db.query('SELECT @@session.sql_mode AS mode')
    assert.doesNotMatch(String(row?.['mode']), /IGNORE_SPACE/)
    await db.query('CREATE TABLE t (id INT PRIMARY KEY)')
    await db.query('CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW SET NEW.id = NEW.id')
    const [trigger] = await db.query("SELECT SQL_MODE AS mode FROM information_schema.TRIGGERS WHERE TRIGGER_NAME = 't_touch'")
    assert.doesNotMatch(String(trigger?.['mode']), /IGNORE_SPACE/)
  })

  test('refuses LOAD DATA LOCAL INFILE: no file of this machine is sent to a server that asks for one', async () => {
    await assert.rejects(db.query("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE t"), (error) =>
      /local infile capability/i.test((error as Error).message),
    )
  })
})
