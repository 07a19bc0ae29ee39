// MariaDB's information_schema is utf8mb3: a 4-byte character (an emoji) in
// a default, a check or a generated expression read as '?'. pull wrote the
// '?', and models holding the emoji were never equal to their own tables.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'
import { unfolded } from '../../src/dialect/mysql/four-byte-texts.js'

describe('mysql: 4-byte characters in defaults, checks and generated columns', () => {
  const project = usePulledProject('mysql', [
    "CREATE TABLE notes (id INT PRIMARY KEY, mood VARCHAR(10) DEFAULT '😀?', " +
      "tag VARCHAR(10) DEFAULT 'what?', deco VARCHAR(20) AS (concat(mood, '😀')) VIRTUAL, " +
      "n INT CHECK (n <> 0 OR mood <> '🐱'), CONSTRAINT ck_mood CHECK (mood <> 'ü💩'))",
  ])

  test('are pulled as written and come back clean', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /mood: .*\.default\('😀\?'\)/)
    assert.match(models, /tag: .*\.default\('what\?'\)/)
    assert.match(models, /concat\(`mood`,\\'😀\\'\)/)
    assert.match(models, /\\'ü💩\\'/)
    assert.match(models, /\\'🐱\\'/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query('INSERT INTO notes (id) VALUES (1)')
    assert.deepEqual(await rebuilt.query('SELECT mood, deco FROM notes'), [{ mood: '😀?', deco: '😀?😀' }])
  })
})

test('a spoiled text is found where its 4-byte characters were', () => {
  assert.equal(unfolded("  CONSTRAINT `c` CHECK (`m` <> '💩?')", "`m` <> '?????'"), "`m` <> '💩?'")
  assert.equal(unfolded("(`m` <> '?💩')", "`m` <> '?????'"), "`m` <> '?💩'")
  assert.equal(unfolded("(`m` <> '💩')", "`m` <> '??'"), undefined)
})
