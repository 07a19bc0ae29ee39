import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { chainModels, parsed, statuses, tenantProjects } from './helpers.js'

const project = tenantProjects()
const PASSWORD = 'pw-never-printed'

describe('--all over the schemas of one PostgreSQL database', () => {
  const db = useTestDatabase('postgresql')
  // The server trusts local users, so the password is only there to be kept out of the output.
  const url = () => db.url.replace('postgres@', `postgres:${PASSWORD}@`)
  const versionOf = async (schema: string) =>
    (await db.query(`SELECT version_num FROM "${schema}".athanor_version`)).map((row) => row['version_num'])

  test('a pattern migrates every matching schema, each with its own version table, and never prints the password', async () => {
    for (const schema of ['shop_a', 'shop_b', 'shop_c', 'other']) await db.query(`CREATE SCHEMA ${schema}`)
    const made = project(`{ pattern: 'shop\\\\_%', url: '${url()}' }`)
    const first = await cliOk(['-d', made.migrations, 'upgrade', '--all', '--parallel', '3'])
    assert.match(first.stdout, /^shop_a +base +cc03 +migrated /m)
    assert.doesNotMatch(first.stdout, /other/)
    for (const schema of ['shop_a', 'shop_b', 'shop_c']) assert.deepEqual(await versionOf(schema), ['cc03'])
    const tables = await db.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 't_cc03' ORDER BY 1")
    assert.deepEqual(
      tables.map((row) => row['table_schema']),
      ['shop_a', 'shop_b', 'shop_c'],
    )
    assert.equal(
      (await db.query("SELECT 1 FROM information_schema.tables WHERE table_schema IN ('public', 'other') AND table_name = 't_aa01'"))
        .length,
      0,
    )

    const status = await cli(['-d', made.migrations, 'status', '--all', '--json'])
    assert.equal(status.status, 0, status.stderr)
    assert.deepEqual(statuses(status), { shop_a: 'up to date', shop_b: 'up to date', shop_c: 'up to date' })
    const models = join(made.root, 'models.ts')
    writeFileSync(models, chainModels())
    const check = await cli(['-d', made.migrations, 'check', '--all', '--models', models, '--json'])
    assert.equal(check.status, 0, check.stdout)
    assert.deepEqual(statuses(check), { shop_a: 'up to date', shop_b: 'up to date', shop_c: 'up to date' })
    for (const output of [first, status, check]) assert.ok(!`${output.stdout}${output.stderr}`.includes(PASSWORD))
  })

  test('a query returning schema names; one broken tenant fails alone with --on-error continue, and a rerun finishes it', async () => {
    for (const schema of ['q_1', 'q_2', 'q_3']) await db.query(`CREATE SCHEMA ${schema}`)
    await db.query('CREATE TABLE q_2.t_bb02 (id integer)')
    await db.query('CREATE TABLE public.tenant_registry (name text, active boolean)')
    await db.query("INSERT INTO public.tenant_registry VALUES ('q_3', true), ('q_1', true), ('q_2', true), ('q_9', false)")
    const made = project(`{ query: 'SELECT name FROM tenant_registry WHERE active ORDER BY name', url: '${url()}' }`)
    const base = ['-d', made.migrations]
    const failed = await cli([...base, 'upgrade', '--all', '--on-error', 'continue', '--parallel', '2', '--json'])
    assertCleanError(failed, { code: 'TENANTS_FAILED' }, '1 of 3 databases failed (q_2)')
    assert.deepEqual(statuses(failed), { q_1: 'migrated', q_2: 'failed', q_3: 'migrated' })
    const broken = parsed(failed).databases[1]!
    // PostgreSQL rolls the failed step back: the tenant stays at the last good revision.
    assert.deepEqual([broken.from, broken.to], [[], ['aa01']])
    assert.match(broken.error ?? '', /t_bb02/)
    assert.ok(!`${failed.stdout}${failed.stderr}`.includes(PASSWORD))

    await db.query('DROP TABLE q_2.t_bb02')
    const rerun = await cliOk([...base, 'upgrade', '--all', '--json'])
    assert.deepEqual(statuses(rerun), { q_1: 'up to date', q_2: 'migrated', q_3: 'up to date' })
    assert.deepEqual(await versionOf('q_2'), ['cc03'])

    const down = await cliOk([...base, 'downgrade', '--all', 'base', '--parallel', '3', '--json'])
    assert.deepEqual(Object.values(statuses(down)), ['migrated', 'migrated', 'migrated'])
    assert.deepEqual(await versionOf('q_1'), [])
  })

  test('a query row that is neither a URL nor text is refused, naming the row', async () => {
    const made = project(`{ query: 'SELECT 42 AS n', url: '${url()}' }`)
    assertCleanError(await cli(['-d', made.migrations, 'current', '--all']), { code: 'INVALID_TENANT' }, 'tenants.query', 'row 1')
  })
})
