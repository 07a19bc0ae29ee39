import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { describe, test } from 'node:test'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { ConnectionError, MigrationFailedError, SqlError } from '../../src/core/error-classes.js'
import { AthanorError, isAthanorError } from '../../src/core/errors.js'
import { current } from '../../src/index.js'
import { withConnection } from '../../src/runtime/connect.js'
import { createTestDatabase } from '../helpers/databases.js'
import { writeMigrations } from '../dialect-live/fixture.js'
import { failure } from '../helpers/errors.js'

// An error keeps its cause through every wrapper, and a password from the
// URL is nowhere in it: not the message, the stack, any cause, or what
// util.inspect prints of the whole chain.
const CANARY = 'CANARY-PW-123'

/** The causes, outermost first. */
function chain(error: unknown): unknown[] {
  const found: unknown[] = []
  for (let at: unknown = error; at !== undefined && found.length < 20; at = at instanceof Error ? at.cause : undefined) found.push(at)
  return found
}

function assertNoCanary(error: unknown, name: string): void {
  const texts = [String(error), inspect(error, { depth: 10 }), inspect(error, { depth: 10, showHidden: true })]
  for (const link of chain(error)) {
    if (link instanceof Error) texts.push(link.message, link.stack ?? '', String(link))
    else texts.push(String(link))
  }
  for (const text of texts) assert.ok(!text.includes(CANARY), `${name}: the password leaked:\n${text}`)
}

const WRONG_PASSWORD = [
  {
    name: 'PostgreSQL, database that does not exist',
    url: `postgresql://postgres:${CANARY}@127.0.0.1:5432/nonexistent_db_xyz`,
    target: { server: 'PostgreSQL', host: '127.0.0.1', port: 5432, user: 'postgres' },
    reason: /database "nonexistent_db_xyz" does not exist/,
  },
  {
    // MariaDB's root has no password here, so any password is refused.
    name: 'MariaDB, wrong password',
    url: `mysql://root:${CANARY}@127.0.0.1:3306/test`,
    target: { server: 'MySQL/MariaDB', host: '127.0.0.1', port: 3306, user: 'root' },
    reason: /Access denied for user 'root'/,
  },
]

describe('a failed connection keeps its cause, without the password', () => {
  for (const { name, url, target, reason } of WRONG_PASSWORD) {
    test(name, async () => {
      const project = writeMigrations([])
      const errors = [
        await failure(() => withConnection(parseDatabaseUrl(url), async () => undefined)),
        await failure(() => current({ directory: project, url })),
      ]
      for (const error of errors) {
        assert.ok(error instanceof ConnectionError, String(error))
        assert.ok(isAthanorError(error, 'CONNECTION_FAILED'))
        assert.deepEqual({ server: error.server, host: error.host, port: error.port, user: error.user }, target)
        assert.match(error.message, reason)
        // The driver's error is the cause, not dropped.
        assert.ok(error.cause instanceof Error, `${name}: no cause`)
        assert.match(error.cause.message, reason)
        assertNoCanary(error, name)
      }
    })
  }
})

describe('an error raised on an open connection keeps its class and cause, redacted', () => {
  test('PostgreSQL: a failure whose texts hold the password', async () => {
    const db = await createTestDatabase('postgresql')
    try {
      // PostgreSQL on 127.0.0.1 trusts the test user, so any password connects.
      const parsed = new URL(db.url)
      const url = db.url.replace(`//${parsed.username}@`, `//${parsed.username}:${CANARY}@`)
      assert.notEqual(url, db.url)
      const driver = new Error(`connection to ${url} lost (password ${CANARY})`)
      const sql = new SqlError(`statement failed for ${CANARY} (in: SELECT '${CANARY}')`, { sql: `SELECT '${CANARY}'` }, { cause: driver })
      const thrown = new MigrationFailedError(
        `upgrade of revision ae10 failed: ${sql.message}`,
        { code: 'SQL_FAILED', revision: 'ae10', direction: 'upgrade', file: 'v/ae10.ts', sql: sql.sql },
        { cause: sql },
      )
      const error = await failure(() =>
        withConnection(parseDatabaseUrl(url), async (connection) => {
          await connection.query('SELECT 1')
          throw thrown
        }),
      )
      assert.ok(error instanceof MigrationFailedError, String(error))
      assert.equal(error.code, 'SQL_FAILED')
      assert.equal(error.revision, 'ae10')
      assert.equal(error.sql, "SELECT '***'")
      assert.ok(error.cause instanceof SqlError)
      assert.ok(error.cause.cause instanceof Error)
      assert.match((error.cause.cause as Error).message, /connection to postgresql:\/\/postgres:\*\*\*@/)
      assertNoCanary(error, 'athanor error')

      // A foreign error whose message holds the password becomes DATABASE_ERROR, its copy the cause.
      const foreign = await failure(() =>
        withConnection(parseDatabaseUrl(url), async () => {
          throw new Error(`lost ${url}`, { cause: new Error(CANARY) })
        }),
      )
      assert.ok(foreign instanceof AthanorError && foreign.code === 'DATABASE_ERROR', String(foreign))
      assert.ok(foreign.cause instanceof Error)
      assert.equal((foreign.cause.cause as Error).message, '***')
      assertNoCanary(foreign, 'foreign error')
    } finally {
      await db.drop()
    }
  })
})
