// MariaDB stores a string's doubled quote as a backslash escape: 'it''s'
// comes back 'it\'s'. Compared as written, a check, a generated column or
// a default holding one was made again by every migrate.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('mysql: strings with a doubled quote in expressions', () => {
  const project = usePulledProject('mysql', ['CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(40))'])

  test('come back clean after their own upgrade', async () => {
    const { ws } = project()
    const { models } = await pullAndRebuild(project())
    const quoted = models
      .replace(
        /(\n {2}s: col\.string\(40\),)/,
        `$1\n  g1: col.string(40).generated("concat(s, 'it''s')"),\n  d1: col.string(40).default(sql("(concat('it''s', 'a'))")),`,
      )
      .replace(/\n\}\)\n/, `\n}, {\n  checks: [check('ck_s', "s <> 'don''t'")],\n})\n`)
      .replace('import { col,', 'import { check, col, sql,')
    assert.match(quoted, /ck_s/)
    writeFileSync(ws.models, quoted)
    await cliOk([...ws.base, 'migrate', '-m', 'quoted'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
