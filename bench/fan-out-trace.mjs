// Where a MariaDB tenant's time goes under `upgrade --all`: runs upgradeAll
// over N fresh databases of the chain bench/fan-out.mjs uses and times every
// round trip athanor makes, grouped by statement (names and values folded).
//
//   node bench/fan-out-trace.mjs [tenants 4] [parallel 1] [--each]
//
// --each also prints every round trip: connection id, milliseconds, text.
// Needs dist/ (npm run build) and the MariaDB of the live tests
// (ATHANOR_TEST_MYSQL_URL, default root@127.0.0.1:3306).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import { writeTableRowChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { upgradeAll } = await import(join(root, 'dist', 'index.js'))
const [count = 4, parallel = 1] = process.argv
  .slice(2)
  .filter((arg) => !arg.startsWith('--'))
  .map(Number)
const server = new URL(process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/')
const tag = `athanor_trace_${process.pid}`
const names = Array.from({ length: count }, (_, i) => `${tag}_${String(i).padStart(5, '0')}`)
const password = server.password ? [`-p${decodeURIComponent(server.password)}`] : []
const login = ['-h', server.hostname, '-P', server.port || '3306', '-u', decodeURIComponent(server.username || 'root'), ...password]
const admin = (sql) => execFileSync('mariadb', login, { input: sql, stdio: ['pipe', 'ignore', 'inherit'] })

// Every connection athanor opens is a mysql2 PromiseConnection: timing its `query` times each round trip.
const probe = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: server.username || 'root' })
const prototype = Object.getPrototypeOf(probe)
await probe.end()
const query = prototype.query
const trips = []
prototype.query = async function (...args) {
  const started = performance.now()
  try {
    return await query.apply(this, args)
  } finally {
    trips.push({ id: this.connection.threadId, ms: performance.now() - started, sql: String(args[0]).replace(/\s+/g, ' ') })
  }
}

const dir = mkdtempSync(join(tmpdir(), 'athanor-fan-out-trace-'))
admin(names.map((name) => `CREATE DATABASE ${name};`).join('\n'))
let total
try {
  const migrations = writeTableRowChain(dir, 20)
  const url = new URL(server)
  url.pathname = '/'
  writeFileSync(join(migrations, 'athanor.config.ts'), `export default { tenants: { pattern: '${tag}\\\\_%', url: '${url}' } }\n`)
  const started = performance.now()
  await upgradeAll({ directory: migrations, parallel, quiet: true })
  total = performance.now() - started
} finally {
  admin(names.map((name) => `DROP DATABASE IF EXISTS ${name};`).join('\n'))
  rmSync(dir, { recursive: true, force: true })
}

const groups = new Map()
for (const trip of trips) {
  const key = trip.sql
    .replaceAll(tag, 'T')
    .replace(/'[^']*'/g, "'?'")
    .replace(/\d+/g, 'N')
    .slice(0, 100)
  const group = groups.get(key) ?? { count: 0, ms: 0 }
  group.count++
  group.ms += trip.ms
  groups.set(key, group)
}
const inQueries = trips.reduce((sum, trip) => sum + trip.ms, 0)
const perTenant = (trips.length / count).toFixed(1)
console.log(`${count} tenants at --parallel ${parallel}: ${total.toFixed(0)} ms, ${trips.length} round trips (${perTenant} a tenant)`)
console.log(`time in round trips, summed over connections: ${inQueries.toFixed(0)} ms; per kind: count, total ms, mean ms`)
for (const [key, group] of [...groups].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(
    `${String(group.count).padStart(6)} ${group.ms.toFixed(0).padStart(8)} ${(group.ms / group.count).toFixed(1).padStart(7)}  ${key}`,
  )
}
if (process.argv.includes('--each')) for (const trip of trips) console.log(trip.id, trip.ms.toFixed(1), trip.sql)
