// An invisible column (MariaDB's INVISIBLE, left out of SELECT *) was once
// not represented in the models; a change of its type restated it without
// INVISIBLE, so `INSERT … VALUES` without a column list broke, and check
// could not tell. Pulled now with `.invisible()`, it stays so.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cliOk } from '../helpers/cli.js'

const EXTRA =
  "SELECT EXTRA AS e FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'acct' AND COLUMN_NAME = 'secret'"

describe('mysql: an invisible column changed by a migration', () => {
  const project = usePulledProject('mysql', ['CREATE TABLE acct (id INT PRIMARY KEY, secret VARCHAR(20) INVISIBLE, note VARCHAR(10))'])

  test('stays invisible through the change and its downgrade', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const wider = models.replace('secret: col.string(20)', 'secret: col.string(40)')
    assert.notEqual(wider, models)
    writeFileSync(ws.models, wider)
    await cliOk([...ws.base, 'migrate', '-m', 'wider', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.deepEqual(await source.query(EXTRA), [{ e: 'INVISIBLE' }])
    await source.query("INSERT INTO acct VALUES (1, 'n')")
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(EXTRA), [{ e: 'INVISIBLE' }])
  })
})
