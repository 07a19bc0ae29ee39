import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, describe, it } from 'node:test'
import mysql from 'mysql2/promise'
import { runBin, type CliResult } from '../helpers/cli.js'
import { buildProject, type Project } from '../helpers/project.js'
import { CHAIN, parsed, portableChain } from '../tenants/helpers.js'
import { freshDatabase, onNode, PORTS, rows, useGaleraCluster } from './galera-fixtures.js'

// `upgrade --all` skips a tenant its quick read finds at the target: on a
// Galera node that has not yet applied what another node committed, that
// read must wait for it, or a tenant just downgraded elsewhere is skipped.
const PREFIX = `athanor_galera_t_${process.pid}_${randomBytes(3).toString('hex')}_`
const TENANTS = [`${PREFIX}a`, `${PREFIX}b`]
const server = (port: number) => `mysql://root@127.0.0.1:${port}/`

/** A read of the tenants by the test's runner that the node holds back until it has applied the cluster's commits. */
async function heldRead(port: number): Promise<boolean> {
  const list = await onNode(port, (connection) =>
    connection.query(
      "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND ID <> CONNECTION_ID() AND (DB LIKE ? OR INFO LIKE ?)",
      [`${PREFIX}%`, `%${PREFIX}%`],
    ),
  )
  return (list[0] as unknown[]).length > 0
}

describe('--all on a MariaDB Galera cluster', { timeout: 120_000 }, () => {
  const projects: Project[] = []
  after(async () => {
    for (const name of TENANTS.slice(1)) {
      await onNode(PORTS[0], (connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``)).catch(() => undefined)
    }
  })
  useGaleraCluster(TENANTS[0]!, () => {
    for (const project of projects) project.cleanup()
  })

  it('upgrade --all on a node behind a downgrade made from another node waits for it, then migrates', async () => {
    for (const name of TENANTS) await freshDatabase(name)
    const project = buildProject(portableChain())
    projects.push(project)
    project.config(`export default { tenants: { pattern: '${PREFIX}%' } }\n`)
    const on = (port: number) => ['-d', project.migrations, '--url', server(port)]
    const upgraded = await runBin([...on(PORTS[0]), 'upgrade', '--all'], { cwd: project.root })
    assert.equal(upgraded.status, 0, upgraded.stderr)

    // Node 2 stops applying the cluster's commits while a session of its own holds the global read lock.
    const paused = await mysql.createConnection({ host: '127.0.0.1', port: PORTS[1], user: 'root' })
    let upgrade: Promise<CliResult> | undefined
    try {
      await paused.query('FLUSH TABLES WITH READ LOCK')
      const downgraded = await runBin([...on(PORTS[0]), 'downgrade', '--all', 'base'], { cwd: project.root })
      assert.equal(downgraded.status, 0, downgraded.stderr)
      let finished = false
      upgrade = runBin([...on(PORTS[1]), 'upgrade', '--all', '--json'], { cwd: project.root }).finally(() => {
        finished = true
      })
      // Node 2 still shows every tenant at the head: a read that does not wait skips them all and finishes.
      while (!finished && !(await heldRead(PORTS[1]))) await sleep(100)
    } finally {
      await paused.query('UNLOCK TABLES').finally(() => paused.end())
    }
    const result = await upgrade
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(
      parsed(result).databases.map((row) => [row.database, row.from, row.status]),
      TENANTS.map((name) => [name, [], 'migrated']),
    )
    const head = [{ version_num: CHAIN.at(-1) }]
    for (const port of PORTS) {
      for (const name of TENANTS) assert.deepEqual(await rows(port, `SELECT version_num FROM \`${name}\`.athanor_version`), head)
    }
  })
})
