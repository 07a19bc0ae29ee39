import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'

// pg deprecates sending a query while another runs on the same client; the
// catalog read sends several at once when it has no helper connections.

const project = temporaryProjects()

describe('PostgreSQL: one query at a time per connection', () => {
  const db = useTestDatabase('postgresql')

  test('pull reads the catalog without pg deprecation warnings', async () => {
    await db.query('CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL)')
    await db.query('CREATE INDEX ix_probe_name ON probe (name)')
    const made = project()
    const out = join(made.root, 'models.ts')
    const run = await runBin(['-d', made.migrations, '--url', db.url, 'pull', '-o', out], { cwd: made.root })
    assert.equal(run.status, 0, run.stderr)
    assert.doesNotMatch(run.stderr, /DeprecationWarning/)
    assert.match(run.stdout + run.stderr, /Wrote 1 table to /)
  })
})
