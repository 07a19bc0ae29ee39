import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { openConnection } from '../../src/dialect/registry.js'
import { assertCleanError, cli } from '../helpers/cli.js'
import { testServerUrl } from '../helpers/databases.js'
import { SOUND, testProject } from './projects.js'

/**
 * A PostgreSQL user who may not create databases, owning one empty
 * database: what a managed server often gives a CI job.
 */
describe('athanor test where no scratch database can be created (PostgreSQL)', { concurrency: false }, () => {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`
  const role = `athanor_nocreate_${suffix}`
  const database = `athanor_given_${suffix}`
  const server = new URL(testServerUrl('postgresql'))
  const url = `postgresql://${role}@${server.host}/${database}`
  const admin = (sql: string) => withConnection(testServerUrl('postgresql'), sql)
  const project = testProject('postgresql', SOUND)
  const base = ['-d', project.migrations]

  before(async () => {
    await admin(`CREATE ROLE ${role} LOGIN NOCREATEDB`)
    await admin(`CREATE DATABASE ${database} OWNER ${role}`)
  })
  after(async () => {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin(`DROP ROLE IF EXISTS ${role}`)
    project.cleanup()
  })

  test('an empty database given with --url is used itself, and left empty', async () => {
    const result = await cli([...base, '--url', url, 'test'])
    assert.equal(result.status, 0, result.stdout + result.stderr)
    assert.match(
      result.stdout,
      new RegExp(
        `^scratch: database ${database} given with --url \\(emptied afterwards; no scratch database could be created: .*permission denied`,
        'm',
      ),
    )
    const tables = await withConnection(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert.deepEqual(tables, [])
  })

  test('the configured database is never used, even empty', async () => {
    const result = await cli([...base, 'test'], { DATABASE_URL: url })
    assertCleanError(result, { code: 'SCRATCH_DATABASE_FAILED' }, 'never runs in the configured database')
  })

  test('a database given with --url that holds tables is refused', async () => {
    await withConnection(url, 'CREATE TABLE precious (id integer)')
    const result = await cli([...base, '--url', url, 'test'])
    assertCleanError(result, { code: 'SCRATCH_NOT_EMPTY' }, 'holds tables')
    assert.deepEqual(await withConnection(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"), [{ tablename: 'precious' }])
  })
})

async function withConnection(url: string, sql: string) {
  const connection = await openConnection(parseDatabaseUrl(url))
  try {
    return await connection.query(sql)
  } finally {
    await connection.close()
  }
}
