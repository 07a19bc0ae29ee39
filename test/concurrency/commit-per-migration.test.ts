import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { target } from './fixtures.js'

// On a server each migration commits on its own: the ACCESS EXCLUSIVE lock
// of a quick ALTER TABLE ends with its migration, and the application's
// queries do not wait behind the long migration that follows it.

const project = temporaryProjects()

describe('PostgreSQL: a commit per migration', () => {
  const db = useTestDatabase('postgresql')

  test('a table altered by one migration is readable while the next one runs', async () => {
    await db.query('CREATE TABLE users (id INTEGER PRIMARY KEY)')
    await db.query('INSERT INTO users VALUES (1), (2)')
    const made = project([
      { id: 'r1', down: null, ext: 'js', upgrade: "  await op.execute('ALTER TABLE users ADD COLUMN email TEXT')" },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.execute('SELECT pg_sleep(3)')" },
    ])
    const running = runBin([...target(made.migrations, db.url), 'upgrade', 'head'], { cwd: made.root })
    // Wait until r2's long statement is under way.
    for (let tries = 0; tries < 100; tries++) {
      const busy = await db.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' AND state = 'active'")
      if (busy.length > 0) break
      await sleep(50)
    }
    const reader = await db.connect()
    try {
      await reader.execute({ sql: "SET lock_timeout = '1s'" })
      const rows = await reader.query('SELECT id, email FROM users ORDER BY id')
      assert.deepEqual(rows, [
        { id: 1, email: null },
        { id: 2, email: null },
      ])
    } finally {
      await reader.close()
    }
    const run = await running
    assert.equal(run.status, 0, run.stderr)
    assert.deepEqual(
      (await db.query('SELECT version_num FROM athanor_version')).map((row) => row['version_num']),
      ['r2'],
    )
  })
})
