// A default cast to another type than its column's changes the value it
// gives: 2.5::int is 3 in a numeric column, 'abcdef'::varchar(3) is 'abc'.
// pull dropped every cast as if PostgreSQL had added it, so the rebuilt
// table gave 2.5, or refused the row as too long. Only the casts
// PostgreSQL adds to a value of the column's own type come off now.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: defaults cast to another type than their column', () => {
  const project = usePulledProject('postgresql', [
    "CREATE TABLE df (id int PRIMARY KEY, b numeric DEFAULT 2.5::int, e varchar(3) DEFAULT 'abcdef'::varchar(3), " +
      "h text DEFAULT 'abc'::char(2), i float8 DEFAULT 0.1::real, a timestamp DEFAULT '2020-01-01 10:30'::date, " +
      "plain varchar(10) DEFAULT 'x', n int DEFAULT -5, c char(3) DEFAULT 'ab', s smallint DEFAULT -1, d float8 DEFAULT -1.5)",
  ])

  test('keep their cast, give the same row, and check is clean', async () => {
    const { source, rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /plain: col\.string\(10\)\.default\('x'\)/)
    assert.match(models, /n: col\.integer\(\)\.default\(-5\)/)
    // PostgreSQL types a negative number itself ('-1'::integer in a smallint column): that cast is not the author's.
    assert.match(models, /s: col\.smallint\(\)\.default\(-1\)/)
    assert.match(models, /d: col\.double\(\)\.default\(-1\.5\)/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const row = 'INSERT INTO df (id) VALUES (1) RETURNING b::text, e, h, i::text, a::text, plain, n, c, s, d'
    assert.deepEqual(await rebuilt.query(row), await source.query(row))
  })
})
