// What the MariaDB server itself needs for the tenants of bench/fan-out.mjs,
// with no athanor in the way: each tenant's SQL sent from one small mysql2
// script, one tenant after another and over several connections at once.
//
//   node bench/fan-out-floor.mjs [--tenants 50] [--chain 20] [--connections 1,4] [--repeat 1]
//
// Three floors, each from empty databases:
//   bare     the statements `upgrade --sql` prints (version table, each
//            migration's CREATE TABLE and INSERT, the version row), one
//            round trip and one autocommit each
//   athanor  every write round trip `upgrade --all` sends to one tenant, as
//            it sends them: the history table, the lock, each statement with
//            its journal row, each migration's commit (recorded from a real
//            run, names swapped per tenant); no reads
//   replay   all of its round trips, reads included: what is left beyond
//            this is athanor's own time on the client
// Also prints the CPU time of the server threads that ran the statements
// (/proc of a local mariadbd, when readable) and the load average. Needs dist/ (node scripts/build.mjs) and the MariaDB of
// the live tests (ATHANOR_TEST_MYSQL_URL, default root@127.0.0.1:3306).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import { writeTableRowChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { upgradeAll } = await import(join(root, 'dist', 'index.js'))
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback)
const count = Number(option('tenants', 50))
const chain = Number(option('chain', 20))
const connections = option('connections', '1,4').split(',').map(Number)
const repeat = Number(option('repeat', 1))

const server = new URL(process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/')
const login = {
  host: server.hostname,
  port: Number(server.port || 3306),
  user: decodeURIComponent(server.username || 'root'),
  password: decodeURIComponent(server.password),
  multipleStatements: true,
}
const tag = `athanor_floor_${process.pid}`
const names = Array.from({ length: count }, (_, i) => `${tag}_${String(i).padStart(5, '0')}`)
const recorded = `${tag}_rec`

/**
 * CPU seconds so far of the server threads that run these connections (one
 * thread per connection, named by PROCESSLIST's TID), from /proc: NaN where
 * the server is elsewhere or not ours to read. Other clients of a shared
 * server and its background threads (flushing, purge) are left out.
 */
async function serverCpu(connections) {
  try {
    const pid = readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && /^(mariadbd|mysqld)$/.test(readProc(entry, 'comm')))
    const ids = connections.map((connection) => connection.connection.threadId)
    const [rows] = await admin.query(`SELECT TID AS tid FROM information_schema.PROCESSLIST WHERE ID IN (${ids.join(', ')})`)
    let ticks = 0
    for (const { tid } of rows) {
      const fields = readProc(`${pid}/task/${tid}`, 'stat').split(') ')[1].split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    }
    return rows.length === ids.length ? ticks / 100 : Number.NaN
  } catch {
    return Number.NaN
  }
}
const readProc = (pid, file) => readFileSync(`/proc/${pid}/${file}`, 'utf8').trim()

const admin = await mysql.createConnection(login)
const resetAll = async () => {
  await admin.query(names.map((name) => `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name};`).join('\n'))
}
const dropAll = () => admin.query([...names, recorded].map((name) => `DROP DATABASE IF EXISTS ${name};`).join('\n'))

const dir = mkdtempSync(join(tmpdir(), 'athanor-fan-out-floor-'))
try {
  const migrations = writeTableRowChain(dir, chain)
  const url = new URL(server)
  url.pathname = '/'
  writeFileSync(
    join(migrations, 'athanor.config.ts'),
    `export default { tenants: { pattern: '${recorded.replaceAll('_', '\\\\_')}', url: '${url}' } }\n`,
  )

  // bare: what `upgrade --sql` prints, split into its statements.
  const script = execFileSync(
    process.execPath,
    [join(root, 'bin', 'athanor.js'), 'upgrade', '--sql', '-d', migrations, '--url', `${url}x`],
    {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
  const bare = script
    .split(/;\n/)
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter((statement) => statement !== '')

  // athanor: one real run on one tenant, each round trip recorded.
  await admin.query(`CREATE DATABASE ${recorded}`)
  const probe = await mysql.createConnection(login)
  const prototype = Object.getPrototypeOf(probe)
  await probe.end()
  const query = prototype.query
  const trips = []
  prototype.query = function (...args) {
    trips.push({ sql: String(args[0]), values: args[1] })
    return query.apply(this, args)
  }
  await upgradeAll({ directory: migrations, parallel: 1, quiet: true })
  prototype.query = query
  // The tenant list and the kept connection's USE are the fan-out's, not the tenant's.
  const own = trips.filter(({ sql }) => !sql.includes('information_schema.schemata') && !sql.startsWith('USE '))
  const reads = /^\s*(SELECT|SHOW)\b/i
  const writes = own.filter(({ sql }) => !reads.test(sql) || /GET_LOCK|RELEASE_LOCK/.test(sql))
  const renamed = (name, { sql, values }) => ({ sql: sql.replaceAll(recorded, name), values })
  const floors = {
    bare: () => bare.map((sql) => ({ sql })),
    athanor: (name) => writes.map((trip) => renamed(name, trip)),
    replay: (name) => own.map((trip) => renamed(name, trip)),
  }
  console.log(
    `${count} tenants, ${chain} migrations each; round trips a tenant: bare ${bare.length}, athanor ${writes.length}, replay ${own.length}`,
  )

  const run = async (statements, width) => {
    const pool = await Promise.all(Array.from({ length: width }, () => mysql.createConnection(login)))
    let next = 0
    const cpu = await serverCpu(pool)
    const started = performance.now()
    await Promise.all(
      pool.map(async (connection) => {
        while (next < count) {
          const name = names[next++]
          await connection.query(`USE ${name}`)
          for (const { sql, values } of statements(name)) await connection.query(sql, values)
        }
      }),
    )
    const elapsed = performance.now() - started
    const cpuUsed = (await serverCpu(pool)) - cpu
    await Promise.all(pool.map((connection) => connection.end()))
    return { elapsed, cpuUsed }
  }

  const results = new Map()
  for (let round = 0; round < repeat; round++) {
    for (const [floor, statements] of Object.entries(floors)) {
      for (const width of connections) {
        await resetAll()
        const load = loadavg()[0]
        const { elapsed, cpuUsed } = await run(statements, width)
        const key = `${floor.padEnd(8)} ${String(width).padStart(2)} connection${width === 1 ? ' ' : 's'}`
        results.set(key, [...(results.get(key) ?? []), elapsed])
        const perTenant = (elapsed / count).toFixed(1)
        console.log(
          `${key}  ${(elapsed / 1000).toFixed(2).padStart(7)} s  ${perTenant.padStart(6)} ms a tenant` +
            `  server CPU ${((cpuUsed * 1000) / count).toFixed(1)} ms a tenant  load ${load.toFixed(1)}`,
        )
      }
    }
  }
  if (repeat > 1) {
    console.log('medians:')
    for (const [key, times] of results) {
      const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]
      console.log(`${key}  ${(median / 1000).toFixed(2).padStart(7)} s  ${(median / count).toFixed(1).padStart(6)} ms a tenant`)
    }
  }
} finally {
  await dropAll()
  await admin.end()
  rmSync(dir, { recursive: true, force: true })
}
