// Who holds the migration lock, as `athanor status` reports it, read from a
// second session while a first one holds the lock.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { useTestDatabase } from '../helpers/databases.js'
import { cli } from '../helpers/cli.js'
import { chain, temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

const HOLDERS = {
  postgresql: /^PostgreSQL backend pid \d+ \(user \w+, /,
  mysql: /^connection \d+ \(user \w+, from /,
} as const

for (const name of ['postgresql', 'mysql'] as const) {
  describe(`${name}: the migration lock's holder`, () => {
    const db = useTestDatabase(name)

    test('is free, then held by the session that took it, then free again', async () => {
      const dialect = dialectNamed(name)
      const url = parseDatabaseUrl(db.url)
      const holder = await db.connect()
      const observer = await db.connect()
      try {
        assert.deepEqual(await dialect.readLockState(observer, url, 'athanor_version'), { held: false })
        const lock = await dialect.acquireLock(holder, url, { versionTable: 'athanor_version', timeoutMs: 5_000 })
        const state = await dialect.readLockState(observer, url, 'athanor_version')
        assert.equal(state.held, true)
        assert.match(state.holder ?? '', HOLDERS[name])
        // Another version table's lock is another lock.
        assert.deepEqual(await dialect.readLockState(observer, url, 'other_version'), { held: false })

        const made = project(chain(['lck000000001']))
        const status = await cli(['-d', made.migrations, '--url', db.url, 'status'])
        assert.match(status.stdout, /^lock: held by (PostgreSQL backend pid|connection) \d+/m, status.stdout + status.stderr)

        await lock.release()
        assert.deepEqual(await dialect.readLockState(observer, url, 'athanor_version'), { held: false })
      } finally {
        await holder.close()
        await observer.close()
      }
    })
  })
}
