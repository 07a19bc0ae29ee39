import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { after, before } from 'node:test'
import mysql from 'mysql2/promise'

// A three-node cluster of its own (scripts/start-galera.sh); .ci/run starts
// it ahead of the suite, and a test file starts it when it is not running.
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'start-galera.sh')
export const PORTS = [3317, 3318, 3319] as const

/** Runs `work` on a connection of its own to the node on `port`. */
export async function onNode<T>(port: number, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' })
  try {
    return await work(connection)
  } finally {
    await connection.end()
  }
}

/** A statement that waits until the node has applied what the cluster committed before it. */
export async function rows(port: number, sql: string): Promise<Record<string, unknown>[]> {
  return onNode(port, async (connection) => {
    // 1 waits before SELECTs, 2 before UPDATE and DELETE, 4 before INSERT, 8 before SHOW statements: an UPDATE
    // of a table a runner on another node just made found no table, under load, with 9.
    await connection.query('SET SESSION wsrep_sync_wait = 15')
    return (await connection.query(sql))[0] as Record<string, unknown>[]
  })
}

/** A node's tables, columns and version rows in `database`, to compare node with node. */
export async function nodeCatalog(port: number, database: string): Promise<Record<string, unknown>> {
  return {
    columns: await rows(
      port,
      `SELECT table_name, column_name, column_type FROM information_schema.columns WHERE table_schema = '${database}' ORDER BY 1, 2`,
    ),
    versions: await rows(port, `SELECT version_num FROM \`${database}\`.athanor_version ORDER BY 1`),
  }
}

/** Drops and creates `database`, and waits until every node has it. */
export async function freshDatabase(database: string): Promise<void> {
  await onNode(PORTS[0], async (connection) => {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``)
    await connection.query(`CREATE DATABASE \`${database}\``)
  })
  // A node applies the cluster's DDL a moment after the node that ran it: a
  // read with wsrep_sync_wait waits for it.
  for (const port of PORTS) assert.equal((await rows(port, `SHOW DATABASES LIKE '${database}'`)).length, 1)
}

/**
 * In a `describe`: starts the cluster in `before` when it is not running,
 * and in `after` runs `cleanup`, drops `database` and stops the cluster if
 * this file started it.
 */
export function useGaleraCluster(database: string, cleanup: () => void): void {
  let started = false
  before(async () => {
    const running = await onNode(PORTS[0], async () => true).catch(() => false)
    if (!running) {
      execFileSync('bash', [SCRIPT], { stdio: 'pipe' })
      started = true
    }
  })
  after(async () => {
    cleanup()
    await onNode(PORTS[0], (connection) => connection.query(`DROP DATABASE IF EXISTS \`${database}\``)).catch(() => undefined)
    if (started) execFileSync('bash', [SCRIPT, 'stop'], { stdio: 'pipe' })
  })
}
