import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, test } from 'node:test'
import { upgradeAll } from '../../src/index.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { parsed, statuses, tenantProjects } from './helpers.js'

const project = tenantProjects()

describe('--all over the databases of one MariaDB/MySQL server', () => {
  // Unique to this run, so the pattern matches no other test's databases.
  const prefix = `athanor_t_${process.pid}_${randomBytes(3).toString('hex')}_`
  const made: string[] = []
  // Registered before the control database's own hook, so it runs while that database is still there.
  after(async () => {
    for (const name of made) await control.query(`DROP DATABASE IF EXISTS \`${name}\``)
  })
  const control = useTestDatabase('mysql')
  const serverUrl = () => control.url.replace(/\/[^/]*$/, '/')
  const createTenant = async (name: string) => {
    made.push(`${prefix}${name}`)
    await control.query(`CREATE DATABASE \`${prefix}${name}\``)
  }
  const versionOf = async (name: string) =>
    (await control.query(`SELECT version_num FROM \`${prefix}${name}\`.athanor_version`)).map((row) => row['version_num'])

  test('a pattern migrates every matching database; --canary stops on a broken one; a rerun carries on', async () => {
    for (const name of ['a', 'b', 'c', 'd']) await createTenant(name)
    await control.query(`CREATE TABLE \`${prefix}b\`.t_bb02 (id integer)`)
    const project1 = project(`{ pattern: '${prefix}%', url: '${serverUrl()}' }`)
    const base = ['-d', project1.migrations]
    const canary = await cli([...base, 'upgrade', '--all', '--canary', '2', '--parallel', '2', '--json'])
    assertCleanError(canary, { code: 'TENANTS_FAILED' }, 'among the canaries', `${prefix}b`)
    assert.deepEqual(Object.values(statuses(canary)), ['migrated', 'failed', 'not run', 'not run'])
    assert.equal(parsed(canary).stopped, 'canary')
    // MySQL commits DDL as it goes: the failed step is journaled, and the tenant stays at its last good revision.
    assert.deepEqual(parsed(canary).databases[1]!.to, ['aa01'])

    await control.query(`DROP TABLE \`${prefix}b\`.t_bb02`)
    await cliOk([...base, 'resolve', 'bb02', '--rolled-back', '--url', `${serverUrl()}${prefix}b`])
    const rerun = await cliOk([...base, 'upgrade', '--all', '--parallel', '4', '--json'])
    assert.deepEqual(Object.values(statuses(rerun)), ['up to date', 'migrated', 'migrated', 'migrated'])
    for (const name of ['a', 'b', 'c', 'd']) assert.deepEqual(await versionOf(name), ['cc03'])
  })

  test('a query returning URLs runs each of them', async () => {
    for (const name of ['q1', 'q2']) await createTenant(name)
    await control.query('CREATE TABLE tenant_url (url varchar(200))')
    for (const name of ['q1', 'q2']) await control.query(`INSERT INTO tenant_url VALUES ('${serverUrl()}${prefix}${name}')`)
    const project2 = project(`{ query: 'SELECT url FROM tenant_url ORDER BY url', url: '${control.url}' }`)
    const base = ['-d', project2.migrations]
    const result = parsed(await cliOk([...base, 'upgrade', '--all', '--json']))
    assert.deepEqual(
      result.databases.map((row) => [row.database, row.status]),
      [
        [`${serverUrl()}${prefix}q1`, 'migrated'],
        [`${serverUrl()}${prefix}q2`, 'migrated'],
      ],
    )
    assert.deepEqual(await versionOf('q2'), ['cc03'])
  })

  test('without --parallel, four databases of the server migrate at once', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
    for (const name of names) await createTenant(name)
    const project3 = project(`{ pattern: '${prefix}p%', url: '${serverUrl()}' }`)
    let running = 0
    let most = 0
    const progress = {
      started: () => {
        most = Math.max(most, ++running)
        return undefined
      },
      finished: () => {
        running--
      },
    }
    const { databases } = await upgradeAll({ directory: project3.migrations, progress })
    assert.equal(most, 4)
    assert.deepEqual(
      databases.map((row) => row.status),
      names.map(() => 'migrated'),
    )
    for (const name of names) assert.deepEqual(await versionOf(name), ['cc03'])
  })
})
