// An invisible generated column whose expression changes is dropped and
// added again; the add once wrote it visible, so `INSERT … VALUES` without a
// column list then broke. The models now say it is invisible (pull writes
// `.invisible()`), and the add follows them.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cliOk } from '../helpers/cli.js'

const EXTRA =
  "SELECT EXTRA AS e FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'item' AND COLUMN_NAME = 'twice'"

describe('mysql: an invisible generated column with a new expression', () => {
  const project = usePulledProject('mysql', ['CREATE TABLE item (id INT PRIMARY KEY, n INT, twice INT AS (n * 2) VIRTUAL INVISIBLE)'])

  test('stays invisible through the change and its downgrade', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const thrice = models.replace(/n\W{0,2} \* 2/, (found) => found.replace('2', '3'))
    assert.notEqual(thrice, models)
    writeFileSync(ws.models, thrice)
    await cliOk([...ws.base, 'migrate', '-m', 'thrice', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.match(String((await source.query(EXTRA))[0]?.e), /INVISIBLE/)
    await source.query('INSERT INTO item VALUES (1, 5)')
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.match(String((await source.query(EXTRA))[0]?.e), /INVISIBLE/)
  })
})
