import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import mysql from 'mysql2/promise'
import { runBin } from '../helpers/cli.js'
import { freshDatabase, nodeCatalog, onNode, PORTS, rows, useGaleraCluster } from './galera-fixtures.js'
import { buildProject, type Project } from '../helpers/project.js'
import { KILL_AFTER, killableScript } from '../concurrency/kill-hook.js'

// The statement journal of a MySQL migration, and `resolve --continue`,
// across the nodes of a Galera cluster: a runner killed on node 1 midway
// through a migration is seen, and finished, from node 2.
const DATABASE = `athanor_galera_j_${process.pid}_${randomBytes(3).toString('hex')}`
const url = (port: number) => `mysql://root@127.0.0.1:${port}/${DATABASE}`

const STATEMENTS = [
  'CREATE TABLE j (id INT PRIMARY KEY, n INT)',
  'INSERT INTO j VALUES (1, 1)',
  'ALTER TABLE j ADD COLUMN note VARCHAR(20)',
  "UPDATE j SET note = 'done'",
]

/** A node's tables and columns, version rows, the rows of j, and the journal, to compare node with node. */
async function nodeState(port: number): Promise<unknown> {
  return {
    ...(await nodeCatalog(port, DATABASE)),
    j: await rows(port, `SELECT id, n, note FROM \`${DATABASE}\`.j ORDER BY id`),
    history: await rows(port, `SELECT revision, status, statements_done, note FROM \`${DATABASE}\`.athanor_version_history ORDER BY id`),
  }
}

/** Upgrades on node 1 in a runner that kills itself (SIGKILL) once statement `at` (`REV:N`) has completed. */
async function killedOnNode1(project: Project, at: string): Promise<void> {
  const killed = await runBin(['-d', project.migrations, '--url', url(PORTS[0]), 'upgrade'], {
    cwd: project.root,
    env: { [KILL_AFTER]: at },
  })
  assert.equal(killed.status, -1, `the runner was to be killed:\n${killed.stderr}`)
}

describe('the statement journal on a MariaDB Galera cluster', { timeout: 240_000 }, () => {
  const projects: Project[] = []
  useGaleraCluster(DATABASE, () => {
    for (const project of projects) project.cleanup()
  })

  /** A fresh database and a project of r01 and r02 (STATEMENTS), whose runner on node 1 is killed once statement `at` has completed. */
  const killedProject = async (at: string): Promise<Project> => {
    await freshDatabase(DATABASE)
    const project = buildProject([
      { id: 'r01', down: null, ext: 'js', upgrade: "  await op.execute('CREATE TABLE t_r01 (id INT PRIMARY KEY)')" },
      killableScript({ id: 'r02', down: 'r01', statements: STATEMENTS, downgrade: ['DROP TABLE j'] }),
    ])
    projects.push(project)
    project.config("export default { clusterLockExpiry: '2s' }\n")
    await killedOnNode1(project, at)
    return project
  }

  it('a runner killed on node 1 after statement 3 of 4: node 2 says so, and resolve --continue there finishes it', async () => {
    const project = await killedProject('r02:3')
    const on = (port: number) => ['-d', project.migrations, '--url', url(port)]

    // The session id names its node: node 2's session of that number is another one.
    const [journal] = await rows(PORTS[1], `SELECT connection_id FROM \`${DATABASE}\`.athanor_version_history WHERE status = 'started'`)
    assert.match(String(journal?.['connection_id']), /^\d+@node1$/)

    const shown = await runBin([...on(PORTS[1]), 'current'], { cwd: project.root })
    assert.equal(shown.status, 0, shown.stderr)
    assert.match(shown.stdout, /^r01\n/)
    assert.ok(shown.stdout.includes('stopped after statement 3 of 4: ALTER TABLE j ADD COLUMN note VARCHAR(20)'), shown.stdout)
    assert.ok(shown.stdout.includes("'athanor resolve r02 --continue' (run the rest: from statement 4)"), shown.stdout)

    // The dead runner's lock row is taken over once its heartbeat is older than the expiry.
    const resolved = await runBin([...on(PORTS[1]), 'resolve', 'r02', '--continue'], { cwd: project.root })
    assert.equal(resolved.status, 0, resolved.stderr)
    assert.match(resolved.stderr, /Resolved the upgrade of r02: ran the rest\. Now at r02\./)

    const states = await Promise.all(PORTS.map(nodeState))
    assert.deepEqual(states[1], states[0])
    assert.deepEqual(states[2], states[0])
    const state = states[0] as { versions: unknown[]; j: unknown[]; history: unknown[] }
    assert.deepEqual(state.versions, [{ version_num: 'r02' }])
    assert.deepEqual(state.j, [{ id: 1, n: 1, note: 'done' }])
    assert.deepEqual(state.history.slice(-2), [
      { revision: 'r02', status: 'resolved', statements_done: 3, note: 'continued by athanor resolve --continue after statement 3' },
      { revision: 'r02', status: 'succeeded', statements_done: 4, note: null },
    ])
    assert.deepEqual(await rows(PORTS[2], `SELECT owner FROM \`${DATABASE}\`.athanor_version_lock`), [])
  })

  it("node 2 waits for a stopped runner's session only on the node that session is on", async () => {
    await freshDatabase(DATABASE)
    const project = buildProject([
      { id: 'r01', down: null, ext: 'js', upgrade: "  await op.execute('CREATE TABLE t_r01 (id INT PRIMARY KEY)')" },
      killableScript({ id: 'r02', down: 'r01', statements: STATEMENTS, downgrade: ['DROP TABLE j'] }),
      killableScript({ id: 'r03', down: 'r02', statements: ['CREATE TABLE k (id INT PRIMARY KEY)', 'INSERT INTO k VALUES (1)'] }),
    ])
    projects.push(project)
    project.config("export default { clusterLockExpiry: '2s' }\n")
    const on = (port: number) => ['-d', project.migrations, '--url', url(port)]
    // A session of the test's on node 2 stands in for a runner's statement left running.
    const sleeper = await mysql.createConnection({ host: '127.0.0.1', port: PORTS[1], user: 'root', database: DATABASE })
    try {
      const [[{ id }]] = (await sleeper.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]]
      const recordAs = async (session: string) =>
        rows(PORTS[1], `UPDATE \`${DATABASE}\`.athanor_version_history SET connection_id = '${session}' WHERE status = 'started'`)

      await killedOnNode1(project, 'r02:2')
      await recordAs(`${id}@node2`)
      const sleeping = sleeper.query('SELECT SLEEP(3)')
      const waited = await runBin([...on(PORTS[1]), 'resolve', 'r02', '--continue'], { cwd: project.root })
      assert.equal(waited.status, 0, waited.stderr)
      assert.ok(waited.stderr.includes(`waiting for session ${id} on node2 of the runner that stopped during revision r02`), waited.stderr)
      await sleeping

      await killedOnNode1(project, 'r03:1')
      await recordAs(`${id}@node1`)
      let slept = false
      const long = sleeper.query('SELECT SLEEP(30)').then(
        () => {
          slept = true
        },
        () => undefined,
      )
      const resolved = await runBin([...on(PORTS[1]), 'resolve', 'r03', '--continue'], { cwd: project.root })
      assert.equal(resolved.status, 0, resolved.stderr)
      assert.doesNotMatch(resolved.stderr, /waiting for session/)
      assert.equal(slept, false)
      await onNode(PORTS[1], (connection) => connection.query(`KILL QUERY ${id}`))
      await long
    } finally {
      await sleeper.end()
    }
    const states = await Promise.all(PORTS.map(nodeState))
    assert.deepEqual(states[1], states[0])
    assert.deepEqual(states[2], states[0])
    assert.deepEqual((states[0] as { versions: unknown[] }).versions, [{ version_num: 'r03' }])
  })

  it("node 2 waits for a statement the stopped runner's session still runs on node 1, which node 2 has finished", async () => {
    // Killed after a DDL: its journal entry is committed with it, so the step is left started on node 1.
    const project = await killedProject('r02:3')
    // A session on node 1 stands in for the runner's DDL that node 1 still runs: only node 1's process list shows it.
    const sleeper = await mysql.createConnection({ host: '127.0.0.1', port: PORTS[0], user: 'root', database: DATABASE })
    try {
      const [[{ id }]] = (await sleeper.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]]
      await rows(PORTS[0], `UPDATE \`${DATABASE}\`.athanor_version_history SET connection_id = '${id}@node1' WHERE status = 'started'`)
      const sleeping = sleeper.query('SELECT SLEEP(5)')
      const resolved = await runBin(['-d', project.migrations, '--url', url(PORTS[1]), 'resolve', 'r02', '--continue'], {
        cwd: project.root,
      })
      assert.equal(resolved.status, 0, resolved.stderr)
      assert.ok(
        resolved.stderr.includes(`waiting for session ${id} on node1 of the runner that stopped during revision r02`),
        resolved.stderr,
      )
      await sleeping
    } finally {
      await sleeper.end()
    }
    const states = await Promise.all(PORTS.map(nodeState))
    assert.deepEqual(states[1], states[0])
    assert.deepEqual((states[0] as { versions: unknown[] }).versions, [{ version_num: 'r02' }])
  })
})
