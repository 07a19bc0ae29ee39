// A view's ALGORITHM is not represented in the models, so a migration never
// changes it; but a view dropped and made again around a change to a table
// it reads came back without it (UNDEFINED), and check could not tell.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cliOk } from '../helpers/cli.js'

const ALGORITHM = "SELECT ALGORITHM AS a FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'film_list'"

describe('mysql: a view with ALGORITHM=MERGE over a table a migration changes', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE film (film_id INT PRIMARY KEY, title VARCHAR(50), length SMALLINT)',
    'CREATE ALGORITHM=MERGE VIEW film_list AS SELECT film_id, title FROM film',
  ])

  test('is made again with its algorithm, and so is its downgrade', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const wider = models.replace('length: col.smallint()', 'length: col.integer()')
    assert.notEqual(wider, models)
    writeFileSync(ws.models, wider)
    await cliOk([...ws.base, 'migrate', '-m', 'wider', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.deepEqual(await source.query(ALGORITHM), [{ a: 'MERGE' }])
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(ALGORITHM), [{ a: 'MERGE' }])
  })
})
