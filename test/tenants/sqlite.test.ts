import assert from 'node:assert/strict'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { versionRows } from '../helpers/project.js'
import { chainModels, parsed, statuses, tenantProjects } from './helpers.js'

const project = tenantProjects()

/** A project with `count` SQLite tenants listed by URL; the ones named in `broken` already hold t_bb02, so the second step fails there. */
function sqliteTenants(count: number, broken: readonly number[] = []) {
  const holder = project('{}')
  const folder = join(holder.root, 'tenants')
  mkdirSync(folder)
  const files = Array.from({ length: count }, (_, index) => join(folder, `tenant_${index + 1}.db`))
  holder.config(`export default { tenants: { urls: [${files.map((file) => `'sqlite:///${file}'`).join(', ')}] } }`)
  for (const index of broken) {
    const db = new Database(files[index - 1]!)
    db.exec('CREATE TABLE t_bb02 (id INTEGER)')
    db.close()
  }
  const label = (index: number) => `sqlite:///${files[index - 1]}`
  return { files, label, base: ['-d', holder.migrations] }
}

describe('--all over a list of SQLite files', () => {
  test('upgrade --all --parallel migrates every tenant, prints the final table, and a rerun finds them at head', async () => {
    const { files, base, label } = sqliteTenants(5)
    const first = await cliOk([...base, 'upgrade', '--all', '--parallel', '3'])
    for (const file of files) assert.deepEqual(versionRows(file), ['cc03'])
    assert.match(first.stdout, /^database +from +to +status +duration$/m)
    assert.match(first.stdout, new RegExp(`^${label(4)} +base +cc03 +migrated +\\d+\\.\\d\\d s$`, 'm'))
    assert.match(first.stderr, /^5 databases: 5 migrated\.$/m)

    const again = await cliOk([...base, 'upgrade', '--all', '--json'])
    assert.deepEqual(Object.values(statuses(again)), ['up to date', 'up to date', 'up to date', 'up to date', 'up to date'])
  })

  test('--on-error stop leaves the tenants after a failure not run; a rerun once it is fixed carries on', async () => {
    const { files, base, label } = sqliteTenants(4, [2])
    const stopped = await cli([...base, 'upgrade', '--all', '--json'])
    assertCleanError(stopped, { code: 'TENANTS_FAILED' }, '1 of 4 databases failed', label(2), '2 not run')
    assert.deepEqual(statuses(stopped), { [label(1)]: 'migrated', [label(2)]: 'failed', [label(3)]: 'not run', [label(4)]: 'not run' })
    const failed = parsed(stopped).databases[1]!
    assert.match(failed.error ?? '', /t_bb02/)
    assert.equal(parsed(stopped).stopped, 'failure')
    assert.equal(existsSync(files[2]!), false, 'a tenant not run is never opened')

    const db = new Database(files[1]!)
    db.exec('DROP TABLE t_bb02')
    db.close()
    const rerun = await cliOk([...base, 'upgrade', '--all', '--json'])
    assert.deepEqual(statuses(rerun), { [label(1)]: 'up to date', [label(2)]: 'migrated', [label(3)]: 'migrated', [label(4)]: 'migrated' })
    for (const file of files) assert.deepEqual(versionRows(file), ['cc03'])
  })

  test('--on-error continue runs every tenant and still fails the command, naming the broken one', async () => {
    const { base, label } = sqliteTenants(4, [2])
    const result = await cli([...base, 'upgrade', '--all', '--on-error', 'continue', '--parallel', '2'])
    assertCleanError(result, { code: 'TENANTS_FAILED' }, '1 of 4 databases failed', label(2))
    assert.match(result.stdout, new RegExp(`^${label(2)} +\\S+ +\\S+ +failed `, 'm'))
    assert.match(result.stdout, new RegExp(`^${label(2)}: failed at \\S+: .*t_bb02`, 'm'))
    for (const index of [1, 3, 4]) assert.match(result.stdout, new RegExp(`^${label(index)} +base +cc03 +migrated `, 'm'))
  })

  test('--canary stops after a failed canary whatever --on-error says', async () => {
    const { files, base, label } = sqliteTenants(5, [2])
    const result = await cli([...base, 'upgrade', '--all', '--canary', '2', '--on-error', 'continue', '--json'])
    assertCleanError(result, { code: 'TENANTS_FAILED' }, 'among the canaries', '3 not run')
    assert.equal(parsed(result).stopped, 'canary')
    assert.deepEqual(Object.values(statuses(result)), ['migrated', 'failed', 'not run', 'not run', 'not run'])
    assert.equal(existsSync(files[4]!), false, 'a tenant not run is never opened')
    assert.equal(statuses(result)[label(1)], 'migrated')
  })

  test('--json gives every row its database, from, to, status and duration, and a summary', async () => {
    const { base, label } = sqliteTenants(2)
    await cliOk([...base, 'upgrade', '--all', 'bb02'])
    const result = parsed(await cliOk([...base, 'upgrade', '--all', '--json']))
    assert.deepEqual(result.summary, { migrated: 2 })
    assert.equal(result.stopped, undefined)
    const [row] = result.databases
    assert.deepEqual(Object.keys(row!).sort(), ['database', 'durationMs', 'from', 'status', 'steps', 'to'])
    assert.deepEqual(
      { ...row, durationMs: 0 },
      { database: label(1), from: ['bb02'], to: ['cc03'], status: 'migrated', steps: 1, durationMs: 0 },
    )
    assert.ok(Number.isInteger(row!.durationMs))
  })

  test('a terminal gets a live table redrawn in place; the final table still goes to stdout', async () => {
    const { base, label } = sqliteTenants(3)
    const result = await cli([...base, 'upgrade', '--all', '--parallel', '2'], {}, { tty: true })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /\[3\/3\] 3 migrated; 0 running/)
    // Each redraw moves the cursor back over the lines it drew before.
    const ESC = '\x1b'
    assert.match(result.stderr, new RegExp(`${ESC}\\[\\d+A\r${ESC}\\[J`))
    assert.doesNotMatch(result.stderr, /^\[1\/3\] sqlite/m)
    assert.match(result.stdout, new RegExp(`^${label(3)} +base +cc03 +migrated `, 'm'))
  })

  test('downgrade, stamp, current and status take --all too', async () => {
    const { files, base } = sqliteTenants(3)
    await cliOk([...base, 'upgrade', '--all'])
    const down = parsed(await cliOk([...base, 'downgrade', '--all', 'aa01', '--json']))
    assert.deepEqual(
      down.databases.map((row) => [row.from, row.to, row.status]),
      Array(3).fill([['cc03'], ['aa01'], 'migrated']),
    )
    const pending = await cli([...base, 'status', '--all', '--json'])
    assert.equal(pending.status, 1)
    assert.deepEqual(Object.values(statuses(pending)), ['pending', 'pending', 'pending'])
    assert.deepEqual(Object.values(statuses(await cliOk([...base, 'current', '--all', '--json']))), ['pending', 'pending', 'pending'])
    const stamped = parsed(await cliOk([...base, 'stamp', '--all', 'cc03', '--json']))
    assert.deepEqual(Object.values(stamped.summary), [3])
    assert.deepEqual(stamped.databases[0]!.status, 'stamped')
    for (const file of files) assert.deepEqual(versionRows(file), ['cc03'])
    assert.equal((await cli([...base, 'status', '--all'])).status, 0)
  })

  test('check --all compares the models, loaded once, with every tenant and names the one that drifted', async () => {
    const { files, base, label } = sqliteTenants(3)
    await cliOk([...base, 'upgrade', '--all'])
    const models = join(files[0]!, '..', 'models.ts')
    writeFileSync(models, chainModels())
    assert.deepEqual(Object.values(statuses(await cliOk([...base, 'check', '--all', '--models', models, '--json']))), [
      'up to date',
      'up to date',
      'up to date',
    ])
    const db = new Database(files[2]!)
    db.exec('ALTER TABLE t_cc03 ADD COLUMN extra TEXT')
    db.close()
    const drift = await cli([...base, 'check', '--all', '--models', models])
    assert.equal(drift.status, 1, drift.stderr)
    assert.match(drift.stdout, new RegExp(`^${label(3)} +cc03 +cc03 +drift `, 'm'))
    assert.match(drift.stdout, new RegExp(`^${label(3)}: .*extra`, 'm'))
  })
})
