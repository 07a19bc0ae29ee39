// MySQL's column names ignore case, so a model that changes only a
// column's case names the same column. It was a drop and an add: the add
// failed with "Duplicate column name", and on a key that other tables
// refer to, after their foreign keys had already been dropped.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('mysql: a column whose name changes only in case', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE users (ID INT NOT NULL AUTO_INCREMENT PRIMARY KEY, Name VARCHAR(20))',
    'CREATE TABLE posts (id INT PRIMARY KEY, author INT, CONSTRAINT fk_posts_author FOREIGN KEY (author) REFERENCES users (ID))',
  ])

  test('is renamed, rows and keys kept, both ways', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    await rebuilt.query("INSERT INTO users (Name) VALUES ('keep me')")
    await rebuilt.query('INSERT INTO posts VALUES (1, 1)')
    const lower = models.replace('  ID: ', '  id: ').replace('  Name: ', '  name: ').replace("'users', ['ID']", "'users', ['id']")
    assert.notEqual(lower, models)
    writeFileSync(ws.models, lower)
    const made = await cliOk([...ws.base, 'migrate', '-m', 'lower case'])
    assert.doesNotMatch(made.stdout + made.stderr, /add column|remove column/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const columns =
      "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' ORDER BY 1"
    assert.deepEqual(await rebuilt.query(columns), [{ c: 'id' }, { c: 'name' }])
    assert.deepEqual(await rebuilt.query('SELECT id, name FROM users'), [{ id: 1, name: 'keep me' }])
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query(columns), [{ c: 'ID' }, { c: 'Name' }])
    assert.equal((await rebuilt.query('SELECT * FROM posts')).length, 1)
  })
})
