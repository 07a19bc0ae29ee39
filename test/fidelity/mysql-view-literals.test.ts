// MySQL stores a view's text with every table qualified by the database's
// name, which pull removes so the view can be made in another database. It
// removed it from string literals too: a view selecting the text
// 'see `db`.`t`' returned 'see `t`' once rebuilt, and check was clean.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe("mysql: a view's string literal that spells a qualified name", () => {
  const project = usePulledProject('mysql', ['CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(50))', "INSERT INTO t VALUES (1, 'x')"])

  test('keeps it; only the names the server qualified lose the database', async () => {
    const { source, rebuilt, ws } = project()
    const spelled = `see \`${source.name}\`.\`t\` and "${source.name}".t, it''s \\\\ here`
    await source.query(`CREATE VIEW v1 AS SELECT id, '${spelled}' AS s, note FROM \`${source.name}\`.t`)
    const { models } = await pullAndRebuild(project())
    assert.ok(models.includes(source.name), 'the literal keeps the name')
    await rebuilt.query("INSERT INTO t VALUES (1, 'x')")
    const rows = await source.query('SELECT * FROM v1')
    assert.deepEqual(await rebuilt.query('SELECT * FROM v1'), rows)
    assert.equal(rows[0]?.['s'], `see \`${source.name}\`.\`t\` and "${source.name}".t, it's \\ here`)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
