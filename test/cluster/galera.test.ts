import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import mysql from 'mysql2/promise'
import { assertCleanError, BIN, runBin } from '../helpers/cli.js'
import { freshDatabase, nodeCatalog, onNode, PORTS, rows, useGaleraCluster } from './galera-fixtures.js'
import { buildProject, type Project, type RevisionDef } from '../helpers/project.js'

const DATABASE = `athanor_galera_${process.pid}_${randomBytes(3).toString('hex')}`
const url = (port: number) => `mysql://root@127.0.0.1:${port}/${DATABASE}`

const LOG_DDL =
  'CREATE TABLE IF NOT EXISTS migration_log (id INT AUTO_INCREMENT PRIMARY KEY, revision VARCHAR(64) NOT NULL, node INT NOT NULL)'

/** A chain whose every step creates a table and logs itself, with its node's port. */
function clusterChain(ids: readonly string[], wait?: { id: string; marker: string }): RevisionDef[] {
  return ids.map((id, index) => ({
    id,
    down: index === 0 ? null : ids[index - 1]!,
    ext: 'js',
    upgrade: [
      // Stopping here, before the step's first statement, holds the lock
      // while the test kills the process.
      ...(wait?.id === id
        ? [
            `  if (process.env.GALERA_TEST_STALL) { (await import('node:fs')).writeFileSync(${JSON.stringify(wait.marker)}, 'x');` +
              ' await new Promise((resolve) => setTimeout(resolve, 600_000)) }',
          ]
        : []),
      `  await op.execute('${LOG_DDL}')`,
      `  await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primaryKey: true }])`,
      `  await op.execute("INSERT INTO migration_log (revision, node) VALUES ('${id}', @@port)")`,
    ].join('\n'),
    downgrade: `  await op.dropTable('t_${id}')`,
  }))
}

describe('a MariaDB Galera cluster', { timeout: 240_000 }, () => {
  const projects: Project[] = []
  useGaleraCluster(DATABASE, () => {
    for (const project of projects) project.cleanup()
  })

  it('GET_LOCK alone is per node: both nodes grant the same name', async () => {
    // The reason the cluster lock is a row: this is what athanor must not rely on.
    const first = await mysql.createConnection({ host: '127.0.0.1', port: PORTS[0], user: 'root' })
    try {
      const [[held]] = (await first.query("SELECT GET_LOCK('athanor_galera_probe', 0) AS got")) as unknown as [[{ got: number }]]
      const [[other]] = await onNode(
        PORTS[1],
        async (second) => (await second.query("SELECT GET_LOCK('athanor_galera_probe', 0) AS got")) as unknown as [[{ got: number }]],
      )
      assert.deepEqual([held.got, other.got], [1, 1])
    } finally {
      await first.end()
    }
  })

  it('ten runners over three nodes apply each migration exactly once, and every node agrees', async () => {
    await freshDatabase(DATABASE)
    const ids = ['g01', 'g02', 'g03', 'g04', 'g05']
    const project = buildProject(clusterChain(ids))
    projects.push(project)
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runBin(['-d', project.migrations, '--url', url(PORTS[i % 3]!), 'upgrade', 'head'], { cwd: project.root }),
      ),
    )
    for (const run of runs) assert.equal(run.status, 0, run.stderr)
    const logged = await rows(PORTS[2], `SELECT revision FROM \`${DATABASE}\`.migration_log ORDER BY revision`)
    assert.deepEqual(
      logged.map((row) => row['revision']),
      ids,
    )
    const catalogs = await Promise.all(PORTS.map((port) => nodeCatalog(port, DATABASE)))
    assert.deepEqual(catalogs[1], catalogs[0])
    assert.deepEqual(catalogs[2], catalogs[0])
    assert.deepEqual((catalogs[0] as { versions: unknown[] }).versions, [{ version_num: 'g05' }])
    // Every athanor table has a primary key, which Galera needs to replicate row changes safely.
    const keyless = await rows(
      PORTS[0],
      `SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = '${DATABASE}' AND t.table_name LIKE 'athanor%' ` +
        `AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema ` +
        `AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')`,
    )
    assert.deepEqual(keyless, [])
    await onNode(PORTS[0], (connection) => connection.query(`DROP DATABASE \`${DATABASE}\``))
  })

  it('a runner killed on node 1 while holding the lock is taken over from node 2 after the expiry', async () => {
    await freshDatabase(DATABASE)
    const ids = ['k01', 'k02', 'k03']
    const project = buildProject([])
    projects.push(project)
    const marker = join(project.root, 'stalled')
    for (const def of clusterChain(ids, { id: 'k02', marker })) project.write(def)
    project.config("export default { clusterLockExpiry: '2s' }\n")

    const stalled = spawn(process.execPath, [BIN, '-d', project.migrations, '--url', url(PORTS[0]), 'upgrade', 'head'], {
      cwd: project.root,
      env: { PATH: process.env['PATH'] ?? '', GALERA_TEST_STALL: '1' },
      stdio: 'ignore',
    })
    for (let i = 0; i < 300 && !existsSync(marker); i++) await new Promise((resolve) => setTimeout(resolve, 100))
    assert.ok(existsSync(marker), 'the first runner never reached k02')
    stalled.kill('SIGKILL')
    await new Promise((resolve) => stalled.once('exit', resolve))

    // The dead runner's row still holds the lock: only its stale heartbeat lets another runner in.
    const lockRows = `SELECT owner FROM \`${DATABASE}\`.athanor_version_lock`
    assert.equal((await rows(PORTS[1], lockRows)).length, 1)
    const taker = await runBin(['-d', project.migrations, '--url', url(PORTS[1]), 'upgrade', 'head'], { cwd: project.root })
    assert.equal(taker.status, 0, taker.stderr)
    assert.deepEqual(await rows(PORTS[1], lockRows), [])
    const logged = await rows(PORTS[2], `SELECT revision, node FROM \`${DATABASE}\`.migration_log ORDER BY revision`)
    assert.deepEqual(
      logged.map((row) => [row['revision'], row['node']]),
      [
        ['k01', PORTS[0]],
        ['k02', PORTS[1]],
        ['k03', PORTS[1]],
      ],
    )
    await onNode(PORTS[0], (connection) => connection.query(`DROP DATABASE \`${DATABASE}\``))
  })

  it('refuses a node set to Rolling Schema Upgrade unless --galera-osu rsu', async () => {
    await freshDatabase(DATABASE)
    // RSU is for changes each node takes on its own, once the tables exist
    // everywhere: an index here. DML on a table only one node has would
    // break the cluster.
    const project = buildProject([
      ...clusterChain(['r01']),
      {
        id: 'r02',
        down: 'r01',
        ext: 'js',
        upgrade: "  await op.createIndex('ix_t_r01_id', 't_r01', ['id'])",
        downgrade: "  await op.dropIndex('ix_t_r01_id', 't_r01')",
      },
    ])
    projects.push(project)
    const first = await runBin(['-d', project.migrations, '--url', url(PORTS[0]), 'upgrade', 'r01'], { cwd: project.root })
    assert.equal(first.status, 0, first.stderr)
    await rows(PORTS[2], 'SELECT 1')
    await onNode(PORTS[2], (connection) => connection.query("SET GLOBAL wsrep_OSU_method = 'RSU'"))
    try {
      const refused = await runBin(['-d', project.migrations, '--url', url(PORTS[2]), 'upgrade', 'head'], { cwd: project.root })
      assertCleanError(refused, 'wsrep_OSU_method = RSU', '--galera-osu rsu')
      const allowed = await runBin(['-d', project.migrations, '--url', url(PORTS[2]), 'upgrade', 'head', '--galera-osu', 'rsu'], {
        cwd: project.root,
      })
      assert.equal(allowed.status, 0, allowed.stderr)
    } finally {
      await onNode(PORTS[2], (connection) => connection.query("SET GLOBAL wsrep_OSU_method = 'TOI'"))
    }
    // The index is on that node alone; the version row, plain DML, is everywhere.
    const indexed = `SELECT index_name FROM information_schema.statistics WHERE table_schema = '${DATABASE}' AND index_name = 'ix_t_r01_id'`
    assert.equal((await rows(PORTS[2], indexed)).length, 1)
    assert.equal((await rows(PORTS[0], indexed)).length, 0)
    for (const port of PORTS)
      assert.deepEqual(await rows(port, `SELECT version_num FROM \`${DATABASE}\`.athanor_version`), [{ version_num: 'r02' }])
  })
})
