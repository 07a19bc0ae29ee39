// Times `athanor upgrade --all` over many tenants against what a user writes
// without it: a shell loop calling the CLI once per database. Tenants are
// schemas of one PostgreSQL database (default 1,000), databases of the
// MariaDB server (200) and SQLite files (200), each taking the same chain of
// migrations (20), each creating a table and inserting a row. Every run
// starts from empty tenants. Then a no-op `upgrade --all` over the
// PostgreSQL tenants, all at head. Prints the times and the speed-ups.
//
//   node bench/fan-out.mjs [--postgresql N] [--mysql N] [--sqlite N] [--chain N] [--parallel 1,4,8] [--loop-sample K]
//
// `--parallel default,4` also times `upgrade --all` without --parallel (each
// dialect's own default: 4 on MariaDB, 1 elsewhere).
// --loop-sample K times the shell loop on the first K tenants only and scales
// it to all of them (it is by far the slowest part); the output says so.
// Servers: ATHANOR_TEST_POSTGRES_URL / ATHANOR_TEST_MYSQL_URL as in the live
// tests (default postgres@127.0.0.1:5432, root@127.0.0.1:3306).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeTableRowChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback)
const sizes = { postgresql: Number(option('postgresql', 1000)), mysql: Number(option('mysql', 200)), sqlite: Number(option('sqlite', 200)) }
const chain = Number(option('chain', 20))
const parallels = option('parallel', '1,4,8').split(',')
const loopSample = option('loop-sample', undefined)

const servers = {
  postgresql: new URL(process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'),
  mysql: new URL(process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/'),
}
const tag = `athanor_fan_${process.pid}`
const tenantName = (i) => `${tag}_${String(i).padStart(5, '0')}`

/** Runs SQL through the server's own client. */
function admin(dialect, sql, database) {
  const url = servers[dialect]
  const env = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' }
  if (dialect === 'postgresql') {
    const user = decodeURIComponent(url.username || 'postgres')
    const where = ['-h', url.hostname, '-p', url.port || '5432', '-U', user, '-d', database ?? 'postgres']
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...where], { input: sql, stdio: ['pipe', 'ignore', 'inherit'], env })
    return
  }
  const password = url.password ? [`-p${decodeURIComponent(url.password)}`] : []
  const where = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username || 'root'), ...password]
  execFileSync('mariadb', where, { input: sql, stdio: ['pipe', 'ignore', 'inherit'] })
}

function serverUrl(dialect, database) {
  const url = new URL(servers[dialect])
  url.pathname = `/${database ?? ''}`
  return url.toString()
}

/** Each dialect's tenants: how to make them empty again, their URLs one by one, and the config's `tenants`. */
const setups = {
  postgresql: (count) => {
    const urls = Array.from({ length: count }, (_, i) => `${serverUrl('postgresql', tag)}?schema=${tenantName(i)}`)
    return {
      reset() {
        admin('postgresql', `DROP DATABASE IF EXISTS ${tag} WITH (FORCE); CREATE DATABASE ${tag};`)
        admin('postgresql', Array.from({ length: count }, (_, i) => `CREATE SCHEMA ${tenantName(i)};`).join('\n'), tag)
      },
      drop: () => admin('postgresql', `DROP DATABASE IF EXISTS ${tag} WITH (FORCE);`),
      urls,
      tenants: `{ pattern: '${tag}\\\\_%', url: '${serverUrl('postgresql', tag)}' }`,
    }
  },
  mysql: (count) => {
    const names = Array.from({ length: count }, (_, i) => tenantName(i))
    const drop = () => admin('mysql', names.map((name) => `DROP DATABASE IF EXISTS ${name};`).join('\n'))
    return {
      reset() {
        drop()
        admin('mysql', names.map((name) => `CREATE DATABASE ${name};`).join('\n'))
      },
      drop,
      urls: names.map((name) => serverUrl('mysql', name)),
      tenants: `{ pattern: '${tag}\\\\_%', url: '${serverUrl('mysql')}' }`,
    }
  },
  sqlite: (count, dir) => {
    const folder = join(dir, 'sqlite-tenants')
    const urls = Array.from({ length: count }, (_, i) => `sqlite:///${join(folder, `${tenantName(i)}.db`)}`)
    return {
      reset() {
        rmSync(folder, { recursive: true, force: true })
        mkdirSync(folder)
      },
      drop: () => rmSync(folder, { recursive: true, force: true }),
      urls,
      tenants: `{ urls: ${JSON.stringify(urls)} }`,
    }
  },
}

function run(argv, cwd) {
  const started = performance.now()
  const result = spawnSync(process.execPath, [cli, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 })
  if (result.status !== 0) throw new Error(`athanor ${argv.join(' ')} failed:\n${result.stderr}`)
  return performance.now() - started
}

/** The shell loop a user writes today: one CLI process per database. */
function shellLoop(urls, migrations, dir) {
  const script = join(dir, 'loop.sh')
  const lines = urls.map((url) => `node '${cli}' upgrade -q -d '${migrations}' --url '${url}' || exit 1`)
  writeFileSync(script, `set -e\n${lines.join('\n')}\n`)
  const started = performance.now()
  // Its stderr is dropped: -q leaves only warnings there, and one per process would bury the figures.
  execFileSync('sh', [script], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] })
  return performance.now() - started
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(9)

const dir = mkdtempSync(join(tmpdir(), 'athanor-fan-out-'))
try {
  console.log(`each tenant takes ${chain} migrations (CREATE TABLE + one-row INSERT); every run starts from empty tenants`)
  for (const dialect of ['postgresql', 'mysql', 'sqlite']) {
    const count = sizes[dialect]
    if (!(count > 0)) continue
    const project = join(dir, dialect)
    const migrations = writeTableRowChain(project, chain)
    const setup = setups[dialect](count, dir)
    writeFileSync(join(migrations, 'athanor.config.ts'), `export default { tenants: ${setup.tenants} }\n`)
    try {
      setup.reset()
      // Compiles the scripts into athanor's cache, as a deployment's first run would; every timed run starts warm.
      run(['upgrade', '-q', '-d', migrations, '--url', setup.urls[0]], project)
      setup.reset()
      const sample = loopSample === undefined ? count : Math.min(Number(loopSample), count)
      const loop = (shellLoop(setup.urls.slice(0, sample), migrations, project) * count) / sample
      const scaled = sample < count ? ` (the first ${sample}, scaled to ${count})` : ''
      console.log(`${dialect}: ${count} tenants`)
      console.log(`  shell loop, one CLI per tenant ${seconds(loop)}${scaled}`)
      for (const parallel of parallels) {
        setup.reset()
        const given = parallel === 'default' ? [] : ['--parallel', parallel]
        const all = run(['upgrade', '--all', '-q', ...given, '-d', migrations], project)
        const label = parallel === 'default' ? '(default)       ' : `--parallel ${parallel.padEnd(6)}`
        console.log(`  upgrade --all ${label} ${seconds(all)}   ${(loop / all).toFixed(1)}x the loop`)
      }
      const most = String(Math.max(...parallels.filter((parallel) => parallel !== 'default').map(Number), 1))
      const noop = run(['upgrade', '--all', '-q', '--parallel', most, '-d', migrations], project)
      console.log(`  no-op upgrade --all (all at head) ${seconds(noop)}`)
    } finally {
      setup.drop()
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
