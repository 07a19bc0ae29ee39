import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { chain, temporaryProjects } from '../helpers/project.js'

// A primary and a streaming standby of their own (scripts/start-pg-replica.sh).
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'start-pg-replica.sh')
const PRIMARY = 'postgresql://root@127.0.0.1:5442/test'
const STANDBY = 'postgresql://root@127.0.0.1:5443/test'

async function standbyQuery(sql: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: STANDBY })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

/** Waits until the standby has replayed everything the primary wrote so far. */
async function waitForReplay(): Promise<void> {
  const primary = new pg.Client({ connectionString: PRIMARY })
  await primary.connect()
  const [{ lsn }] = (await primary.query('SELECT pg_current_wal_lsn() AS lsn')).rows as [{ lsn: string }]
  await primary.end()
  for (let i = 0; i < 100; i++) {
    const [row] = await standbyQuery(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`)
    if (row?.['done'] === true) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the standby did not replay the primary within 10 s')
}

describe('a PostgreSQL standby', () => {
  const project = temporaryProjects()
  before(() => {
    execFileSync('bash', [SCRIPT], { stdio: 'pipe' })
  })
  after(() => {
    execFileSync('bash', [SCRIPT, 'stop'], { stdio: 'pipe' })
  })

  it('answers current and history after replay, and refuses every write naming the host', async () => {
    const p = project(
      chain(['s01', 's02', 's03']).map((def) => ({
        ...def,
        upgrade: `  await op.createTable('t_${def.id}', [{ name: 'id', type: 'integer', primaryKey: true }])`,
        downgrade: `  await op.dropTable('t_${def.id}')`,
      })),
    )
    const onPrimary = ['-d', p.migrations, '--url', PRIMARY]
    const onStandby = ['-d', p.migrations, '--url', STANDBY]
    const upgraded = await runBin(['upgrade', 's02', ...onPrimary], { cwd: p.root })
    assert.equal(upgraded.status, 0, upgraded.stderr)
    await waitForReplay()

    const current = await runBin(['current', ...onStandby], { cwd: p.root })
    assert.equal(current.status, 0, current.stderr)
    assert.match(current.stdout, /s02/)
    const history = await runBin(['history', '--applied', ...onStandby], { cwd: p.root })
    assert.equal(history.status, 0, history.stderr)
    assert.match(history.stdout, /s02/)
    for (const argv of [['upgrade'], ['downgrade', '-1'], ['stamp', 'head'], ['resolve', 's03', '--rolled-back']]) {
      const result = await runBin([...argv, ...onStandby], { cwd: p.root })
      assertCleanError(result, '127.0.0.1:5443', 'read-only standby', 'primary')
    }
    // Nothing reached the primary either: it is still where it was.
    const [row] = await standbyQuery('SELECT version_num FROM athanor_version')
    assert.equal(row?.['version_num'], 's02')
    const caughtUp = await runBin(['upgrade', ...onPrimary], { cwd: p.root })
    assert.equal(caughtUp.status, 0, caughtUp.stderr)
    await waitForReplay()
    p.config("export default { models: '../models.ts' }\n")
    writeFileSync(
      join(p.root, 'models.ts'),
      [
        "import { col, defineModels, table } from 'athanor'",
        'const keyed = (name: string) => table(name, { id: col.integer().primaryKey() })',
        "export default defineModels(keyed('t_s01'), keyed('t_s02'), keyed('t_s03'))",
        '',
      ].join('\n'),
    )
    const check = await runBin(['check', ...onStandby], { cwd: p.root })
    assert.equal(check.status, 0, check.stderr + check.stdout)

    await runBin(['downgrade', 'base', ...onPrimary], { cwd: p.root })
  })
})
