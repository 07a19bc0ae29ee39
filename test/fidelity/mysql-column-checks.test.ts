// MariaDB keeps a CHECK written in a column's definition as the column's
// own, named after it, and drops it with the column's MODIFY or CHANGE: a
// migration that widened the column left the table unprotected, and check
// wanted the constraint back. The check is now dropped before the change
// and added again after it, and the downgrade puts the old one back.
// DROP CONSTRAINT does not find such a check either: one changed or dropped
// on its own is dropped by restating its column, and the drop is IF EXISTS.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('mysql: a column-level check through a change of its column', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE t (id INT PRIMARY KEY, price DECIMAL(10,2) NOT NULL CHECK (price >= 0), note VARCHAR(10))',
  ])

  test('stays through the change and its downgrade', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /price: col\.numeric\(10, 2\)/)
    // Made in the column's definition here too, as in the source: the one athanor makes is the table's.
    await rebuilt.query('ALTER TABLE t DROP CONSTRAINT price')
    await rebuilt.query('ALTER TABLE t MODIFY price DECIMAL(10,2) NOT NULL CHECK (price >= 0)')
    const level =
      "SELECT LEVEL AS level FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'price'"
    assert.deepEqual(await rebuilt.query(level), [{ level: 'Column' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    writeFileSync(ws.models, models.replace('price: col.numeric(10, 2)', 'price: col.numeric(12, 2)'))
    await cliOk([...ws.base, 'migrate', '-m', 'wider'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await assert.rejects(rebuilt.query('INSERT INTO t VALUES (1, -1, NULL)'), /CONSTRAINT `price` failed/)
    await rebuilt.query('INSERT INTO t VALUES (2, 1234567890.5, NULL)')
    await rebuilt.query('DELETE FROM t')
    await cliOk([...ws.base, 'downgrade', '-1'])
    await assert.rejects(rebuilt.query('INSERT INTO t VALUES (1, -1, NULL)'), /CONSTRAINT `price` failed/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})

describe('mysql: a column-level check changed, dropped with its column, and renamed with it', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE t (id INT PRIMARY KEY, qty INT CHECK (qty > 0), gone INT CHECK (gone < 10), old INT CHECK (old <> 0))',
  ])

  test('DROP CONSTRAINT does not find them: the column is restated instead, and the migration applies', async () => {
    const { source, ws } = project()
    const { models } = await pullAndRebuild(project())
    // On the source, where the checks are the columns' own.
    const url = ['--url', source.url]
    await cliOk([...ws.base, 'revision', '-m', 'adopted', ...url])
    await cliOk([...ws.base, 'stamp', 'head', ...url])
    await source.query('INSERT INTO t VALUES (1, 5, 1, 1)')
    const changed = models
      .replace("check('qty', '`qty` > 0')", "check('qty', '`qty` > 1')")
      .replace(/ {2}gone: col\.integer\(\),\n/, '')
      .replace(/check\('gone', '`gone` < 10'\),?\s*/, '')
      .replace('old: col.integer()', 'renamed: col.integer()')
      .replace("check('old', '`old` <> 0')", "check('old', '`renamed` <> 0')")
    writeFileSync(ws.models, changed)
    const made = await cliOk([...ws.base, 'migrate', '-m', 'checks', '--rename-column', 't.old:renamed', ...url])
    // Restating a column as it is copies nothing: no lint error says it does.
    assert.doesNotMatch(made.stderr + made.stdout, /column-type-change/)
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
    await assert.rejects(source.query('INSERT INTO t VALUES (2, 1, 1)'), /CONSTRAINT `qty` failed/)
    await assert.rejects(source.query('INSERT INTO t VALUES (2, 2, 0)'), /CONSTRAINT `old` failed/)
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query('SELECT id, qty, old FROM t'), [{ id: 1, qty: 5, old: 1 }])
    await assert.rejects(source.query('INSERT INTO t (id, qty, gone, old) VALUES (2, 0, 1, 1)'), /CONSTRAINT `qty` failed/)
    await assert.rejects(source.query('INSERT INTO t (id, qty, gone, old) VALUES (2, 1, 10, 1)'), /CONSTRAINT `gone` failed/)
  })
})
