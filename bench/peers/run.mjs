// athanor against the other migration tools and against each database's own
// client (the floor), on the same migrations: each tool runs as a whole
// process on a fresh database, the tools interleaved run by run, a warm-up
// then R timed runs (default 5). Prints, per row, the median, min–max, the
// median CPU time (user + system: steadier than wall time on a busy machine)
// and peak RSS of each tool, and a summary with the ratios athanor / best peer
// and athanor / floor.
//
// The peers (drizzle-orm, knex, kysely, node-pg-migrate) are this folder's
// own dependencies, installed here on first use; Alembic is Debian's
// python3-alembic (with python3-psycopg2 and python3-pymysql for the servers)
// and is left out where it is missing.
//
//   node scripts/build.mjs && node bench/peers/run.mjs [--runs R] [--only ID,ID] [--chain N] [--tables N]
//                                                       [--base DIR] [--tools knex,floor,...]
//
// --only keeps the rows whose id contains one of the words (ids: sqlite-chain-up,
// pg-chain-down, mysql-tables-up, ...). --base DIR also times the athanor built
// in DIR (say a checkout of main) as `athanor@base`, interleaved with the rest.
// --tools keeps athanor and the tools named.
// Servers: ATHANOR_TEST_POSTGRES_URL / ATHANOR_TEST_MYSQL_URL as in the live tests.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { alembic, athanor, drizzle, floor, knex, kysely, nodePgMigrate, PYTHON, urls } from './tools.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const args = process.argv.slice(2)
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const runs = Number(option('--runs') ?? 5)
const only = option('--only')?.split(',')
const chainLength = Number(option('--chain') ?? 1000)
const tableCount = Number(option('--tables') ?? 200)
const base = option('--base')
const toolNames = option('--tools')?.split(',')

const servers = {
  postgresql: new URL(process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'),
  mysql: new URL(process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/'),
}

/** The tools run from this folder's node_modules: `--tools floor` (or alembic) needs none of them installed. */
const PEERS_INSTALLED = ['knex', 'kysely', 'drizzle', 'node-pg-migrate']
if (!toolNames || toolNames.some((name) => PEERS_INSTALLED.includes(name))) installPeers()
const python = pythonModules()
const ours = athanor(root)
const theirs = base ? { ...athanor(base), name: 'athanor@base' } : undefined
const mine = theirs ? [ours, theirs] : [ours]
const all = [...mine, knex, kysely, drizzle, nodePgMigrate, alembic, floor(servers)]
const readers = [...mine, knex, alembic, floor(servers)]
const writers = (verb) => all.filter((tool) => verb === 'up' || tool !== drizzle)

const chain = { name: 'chain', count: chainLength, insert: true }
const tables = { name: 'tables', count: tableCount, insert: false }
const rows = [
  ...['up', 'down', 'current', 'history'].flatMap((verb) =>
    ['sqlite', 'postgresql'].map((dialect) => ({
      dialect,
      workload: chain,
      verb,
      tools: verb === 'up' || verb === 'down' ? writers(verb) : readers,
    })),
  ),
  ...['sqlite', 'postgresql', 'mysql'].map((dialect) => ({ dialect, workload: tables, verb: 'up', tools: writers('up') })),
]
  .map((row) => ({ ...row, id: `${short(row.dialect)}-${row.workload.name}-${row.verb}` }))
  .filter((row) => !only || only.some((word) => row.id.includes(word)))

function short(dialect) {
  return dialect === 'postgresql' ? 'pg' : dialect
}

const VERB_NAMES = { up: 'upgrade head', down: 'downgrade base', current: 'current', history: 'history' }
const describe = (row) => {
  const where = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MariaDB' }[row.dialect]
  const what =
    row.workload === chain
      ? `${row.workload.count}-revision chain (CREATE TABLE + INSERT each), ${VERB_NAMES[row.verb]}`
      : `${row.workload.count} one-table migrations, upgrade head`
  return `${where}, ${what}`
}

/** The server databases this bench made, dropped at its end. */
const created = new Set()
// Killed midway, it still drops what it made on the servers.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    dropServerDatabases()
    rmSync(work, { recursive: true, force: true })
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}
const work = mkdtempSync(join(tmpdir(), 'athanor-peers-'))
const summary = []
try {
  for (const row of rows) summary.push(runRow(row))
  console.log(`\n| work | athanor | best peer | floor | athanor / best peer | athanor / floor |${theirs ? ' athanor@base |' : ''}`)
  console.log(`|---|---|---|---|---|---|${theirs ? '---|' : ''}`)
  for (const line of summary) console.log(line)
} finally {
  dropServerDatabases()
  rmSync(work, { recursive: true, force: true })
}

/** Times every tool of a row, interleaved; returns its summary line. */
function runRow(row) {
  const tools = row.tools.filter(
    (tool) =>
      tool.dialects.includes(row.dialect) &&
      available(tool, row.dialect) &&
      (!toolNames || tool.name.startsWith('athanor') || toolNames.includes(tool.name)),
  )
  const setups = tools.map((tool) => project(tool, row))
  const runVerb = (setup) => {
    fresh(setup)
    if (row.verb !== 'up') exec(setup, setup.commands.up)
    return timed(setup, setup.commands[row.verb])
  }
  const usable = setups.filter((setup) => setup.commands[row.verb] !== undefined)
  for (const setup of usable) runVerb(setup) // warm-up: compile caches, pyc files, the OS page cache
  const results = new Map(usable.map((setup) => [setup.tool.name, []]))
  for (let run = 0; run < runs; run++) for (const setup of usable) results.get(setup.tool.name).push(runVerb(setup))
  console.log(`\n${describe(row)} [${row.id}], ${runs} runs`)
  const stats = new Map()
  for (const [name, samples] of results) {
    const seconds = samples.map((s) => s.seconds).sort((a, b) => a - b)
    const cpu = samples.map((s) => s.cpu).sort((a, b) => a - b)
    stats.set(name, {
      median: seconds[Math.floor(seconds.length / 2)],
      min: seconds[0],
      max: seconds.at(-1),
      cpu: cpu[Math.floor(cpu.length / 2)],
      rss: Math.max(...samples.map((s) => s.rssKb)),
    })
  }
  const mineNow = stats.get('athanor')
  for (const [name, s] of stats) {
    const ratio = name === 'athanor' ? '' : `athanor / ${name} ${(mineNow.median / s.median).toFixed(2)}`
    console.log(
      `  ${name.padEnd(16)} ${s.median.toFixed(3).padStart(7)} s  (${s.min.toFixed(3)}–${s.max.toFixed(3)})  ` +
        `CPU ${s.cpu.toFixed(2).padStart(5)} s  peak RSS ${(s.rss / 1024).toFixed(0).padStart(4)} MB  ${ratio}`,
    )
  }
  const peers = [...stats].filter(([name]) => name !== 'floor' && !name.startsWith('athanor'))
  const [bestName, best] = peers.sort((a, b) => a[1].median - b[1].median)[0] ?? ['none', undefined]
  const floorStat = stats.get('floor')
  const cell = (s) => `${s.median.toFixed(2)} s, ${(s.rss / 1024).toFixed(0)} MB`
  return (
    `| ${describe(row)} | ${cell(mineNow)} | ${best ? `${bestName} ${cell(best)}` : '—'} | ${floorStat ? cell(floorStat) : '—'} | ` +
    `${best ? (mineNow.median / best.median).toFixed(2) : '—'} | ${floorStat ? (mineNow.median / floorStat.median).toFixed(2) : '—'} |` +
    (theirs && stats.get(theirs.name) ? ` ${cell(stats.get(theirs.name))} |` : '')
  )
}

/** A tool's folder and database for a row, its scripts written once. */
function project(tool, row) {
  const slug = `${tool.name.replace(/[^a-z0-9]/gi, '_')}_${row.workload.name}_${row.dialect}`
  const dir = join(work, slug)
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true })
    tool.write(dir, row.dialect, row.workload.count, row.workload.insert)
  }
  const db =
    row.dialect === 'sqlite'
      ? { file: join(dir, 'bench.db') }
      : {
          name: `athanor_peers_${process.pid}_${tool.name.replace(/[^a-z0-9]/gi, '_')}`.toLowerCase(),
          host: servers[row.dialect].hostname,
          port: servers[row.dialect].port || (row.dialect === 'postgresql' ? '5432' : '3306'),
          user: decodeURIComponent(servers[row.dialect].username || (row.dialect === 'postgresql' ? 'postgres' : 'root')),
        }
  const url = urls(row.dialect, db)
  return { tool, dir, dialect: row.dialect, db, commands: tool.commands(dir, url, row.dialect, row.workload.count, db) }
}

function fresh({ dialect, db }) {
  if (dialect === 'sqlite') {
    for (const suffix of ['', '-journal', '-wal', '-shm', '-athanor-lock']) rmSync(db.file + suffix, { force: true })
    return
  }
  admin(dialect, `DROP DATABASE IF EXISTS ${db.name}`)
  admin(dialect, `CREATE DATABASE ${db.name}`)
}

function admin(dialect, sql) {
  const s = servers[dialect]
  if (sql.startsWith('CREATE')) created.add(`${dialect}:${sql.split(' ').at(-1)}`)
  const argv =
    dialect === 'postgresql'
      ? ['psql', ['-X', '-q', '-h', s.hostname, '-p', s.port || '5432', '-U', 'postgres', '-d', 'postgres', '-c', sql]]
      : ['mariadb', ['-h', s.hostname, '-P', s.port || '3306', '-u', decodeURIComponent(s.username || 'root'), '-e', sql]]
  execFileSync(argv[0], argv[1], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  })
}

function dropServerDatabases() {
  for (const entry of created) {
    const [dialect, name] = entry.split(':')
    admin(dialect, `DROP DATABASE IF EXISTS ${name}`)
    created.delete(entry)
  }
}

function exec(setup, [command, argv]) {
  const result = spawnSync(command, argv, {
    cwd: setup.dir,
    env: { ...process.env, ...setup.commands.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  if (result.status !== 0) throw new Error(`${setup.tool.name}: ${command} ${argv.join(' ')} failed:\n${result.stderr}`)
}

/** Wall time of the whole process, and its peak RSS from GNU time. */
function timed(setup, [command, argv]) {
  const report = join(setup.dir, 'time.out')
  const started = performance.now()
  exec(setup, ['/usr/bin/time', ['-f', '%M %U %S', '-o', report, command, ...argv]])
  const seconds = (performance.now() - started) / 1000
  const [rssKb, user, system] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
  return { seconds, rssKb, cpu: user + system }
}

function installPeers() {
  if (existsSync(join(here, 'node_modules', 'knex')) && existsSync(join(here, 'node_modules', 'drizzle-orm'))) return
  console.log('installing the peers into bench/peers/node_modules ...')
  const ci = existsSync(join(here, 'package-lock.json'))
  execFileSync('npm', [ci ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' })
}

/** Which of Alembic's database modules the system Python has. */
function pythonModules() {
  const has = (module) => spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0
  const found = { sqlite: has('alembic'), postgresql: has('alembic') && has('psycopg2'), mysql: has('alembic') && has('pymysql') }
  if (!found.sqlite) console.log('(Alembic left out: apt-get install python3-alembic)')
  else if (!found.postgresql || !found.mysql) console.log('(Alembic left out on servers without python3-psycopg2 / python3-pymysql)')
  return found
}

function available(tool, dialect) {
  return tool !== alembic || python[dialect]
}
