// An expression's index key has the collation the expression computes:
// lower(name) sorts by name's COLLATE "C" with no COLLATE written. The
// catalog reading compared it with the default collation, so `pull` and
// `check` listed such an index as "index key collation", not represented,
// though the models' expression makes it again as it is.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe('postgresql: index keys that sort by the collation their column or expression gives them', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE t (id int PRIMARY KEY, name text COLLATE "C", other text)',
    'CREATE INDEX t_name ON t (name)',
    'CREATE INDEX t_name_lower ON t (lower(name))',
    'CREATE INDEX t_other_lower ON t (lower(other)) WHERE other < \'x\' COLLATE "POSIX"',
    'CREATE INDEX t_inner ON t ((lower(other) COLLATE "POSIX"))',
    'CREATE INDEX t_other_c ON t (other COLLATE "C")',
    'CREATE INDEX t_lower_posix ON t (lower(name) COLLATE "POSIX")',
  ])

  test('are not listed; a key given another collation still is', async () => {
    const { printed } = await pullAndRebuild(project())
    const listed = printed.split('\n').filter((line) => line.includes('index key collation'))
    // PostgreSQL takes a COLLATE around the whole expression (t_inner) as the key's own collation too.
    const others = ['t_inner', 't_lower_posix', 't_other_c'].map((name) => `  index key collation ${name} on t`)
    assert.deepEqual(listed, others)
    const checked = await cli([...project().ws.base, 'check'])
    assert.equal(checked.stdout, 'No new upgrade operations detected.\n')
    assert.doesNotMatch(checked.stderr, /t_name|t_other_lower/)
  })
})
