// MySQL and MariaDB take an expression as a default only in parentheses:
// a model's default(sql('1 + 2 * 3')) was written DEFAULT 1 + 2 * 3, a
// syntax error at upgrade.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('mysql: expression defaults written without parentheses', () => {
  const project = usePulledProject('mysql', ['CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(40))'])

  test('are made in parentheses, on a new column and on an altered one, and come back clean', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    const defaulted = models
      .replace('s: col.string(40),', "s: col.string(40).default(sql(\"concat('a', 'b')\")),\n  n: col.integer().default(sql('1 + 2 * 3')),")
      .replace('import { col,', 'import { col, sql,')
    assert.notEqual(defaulted, models)
    writeFileSync(ws.models, defaulted)
    await cliOk([...ws.base, 'migrate', '-m', 'defaults'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query('INSERT INTO t (id) VALUES (1)')
    assert.deepEqual(await rebuilt.query('SELECT s, n FROM t'), [{ s: 'ab', n: 7 }])
  })
})
