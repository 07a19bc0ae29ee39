// MariaDB's information_schema is utf8mb3, and SHOW CREATE TABLE prints a
// 4-byte character (an emoji) of an ENUM or SET value as '?' too; a view's
// text read '????' for one. pull wrote the '?', the rebuilt database held
// '?' where the source held the emoji, and check compared '?' with '?'.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe('mysql: 4-byte characters in ENUM and SET values and in views', () => {
  const project = usePulledProject('mysql', [
    "CREATE TABLE fruit (id INT PRIMARY KEY, kind ENUM('🍎','pear''s 🍐') DEFAULT 'pear''s 🍐', tags SET('🍎x', 'y'))",
    "CREATE VIEW ripe AS SELECT id, '🍐' AS mark FROM fruit WHERE kind <> '🍎'",
  ])

  test('are pulled as written and come back clean', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /kind: col\.enum\(\['🍎', 'pear\\'s 🍐'\]\)\.default\('pear\\'s 🍐'\)/)
    assert.match(models, /'🍎x', 'y'/)
    assert.match(models, /'🍐' AS \\`mark\\` from .* <> '🍎'/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query("INSERT INTO fruit (id, tags) VALUES (1, '🍎x,y'), (2, 'y')")
    await rebuilt.query("UPDATE fruit SET kind = '🍎' WHERE id = 2")
    assert.deepEqual(await rebuilt.query('SELECT id, kind, tags, mark FROM fruit JOIN ripe USING (id)'), [
      { id: 1, kind: "pear's 🍐", tags: '🍎x,y', mark: '🍐' },
    ])
  })
})
