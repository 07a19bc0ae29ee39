// MariaDB fires a table's triggers for one event in the order they were
// made. A trigger made again after a change of its body fired last, and the
// downgrade did not put it back: an insert gave '2one', then '21', where the
// source gave '12'. The triggers after it are now made again after it, and
// the downgrade makes them again in their old order.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('mysql: triggers of one event keep their firing order through a change', () => {
  const project = usePulledProject('mysql', [
    "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL DEFAULT '')",
    "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW SET NEW.v = CONCAT(NEW.v, '1')",
    "CREATE TRIGGER t2 BEFORE INSERT ON t FOR EACH ROW SET NEW.v = CONCAT(NEW.v, '2')",
    "CREATE TRIGGER t3 BEFORE INSERT ON t FOR EACH ROW SET NEW.v = CONCAT(NEW.v, '3')",
  ])
  const inserted = async (db: { query(sql: string): Promise<unknown[]> }) => {
    await db.query('INSERT INTO t (id) VALUES (1)')
    const [row] = (await db.query('SELECT v FROM t')) as [{ v: string }]
    await db.query('DELETE FROM t')
    return row.v
  }

  test('the changed one fires where it did, before and after the downgrade', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.equal(await inserted(rebuilt), '123')
    const changed = models.replace("CONCAT(NEW.v, '2')", "CONCAT(NEW.v, 'two')")
    assert.notEqual(changed, models)
    writeFileSync(ws.models, changed)
    await cliOk([...ws.base, 'migrate', '-m', 'two'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal(await inserted(rebuilt), '1two3')
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.equal(await inserted(rebuilt), '123')
  })
})
