// Autogenerate at scale: `check` and `pull` as whole processes (start-up,
// config, models, introspection, diff or rendering) against a 500-table,
// 6,500-column schema with indexes, unique constraints and foreign keys, one
// of them a 500-deep chain, and in every table columns of each dialect's own
// types (MySQL UNSIGNED, DATETIME, ON UPDATE, SET, MEDIUMTEXT and generated
// columns; PostgreSQL arrays, identity options, collations and generated
// columns; SQLite declared types kept as written), on PostgreSQL, MariaDB and
// SQLite. Prints the times; asserts none.
//
//   node bench/autogenerate.mjs [sqlite] [postgresql] [mysql]
//
// Needs dist/ (npm run build) and the servers of the live tests
// (ATHANOR_TEST_POSTGRES_URL / ATHANOR_TEST_MYSQL_URL override them).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COLUMNS, modelsSource, TABLES } from './schema-models.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'athanor.js')
const RUNS = 5

const servers = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
}

function athanor(args, cwd) {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { ...result, seconds }
}

function must(result, what) {
  if (result.status !== 0 && !(what === 'check' && result.status === 1)) {
    throw new Error(`${what} failed (${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 4000))
  }
  return result
}

async function adminSql(dialect, sql) {
  const { openConnection } = await import(join(root, 'dist', 'dialect', 'registry.js'))
  const { parseDatabaseUrl } = await import(join(root, 'dist', 'core', 'database-url.js'))
  const connection = await openConnection(parseDatabaseUrl(servers[dialect]))
  try {
    await connection.execute({ sql })
  } finally {
    await connection.close()
  }
}

function withDatabase(url, name) {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

async function benchmark(dialect) {
  const dir = mkdtempSync(join(tmpdir(), `athanor-bench-${dialect}-`))
  const name = `athanor_bench_${process.pid}`
  let url = `sqlite:///${join(dir, 'bench.db')}`
  if (dialect !== 'sqlite') {
    await adminSql(dialect, dialect === 'postgresql' ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`)
    url = withDatabase(servers[dialect], name)
  }
  try {
    mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
    writeFileSync(join(dir, 'migrations', 'athanor.config.ts'), `export default { url: ${JSON.stringify(url)}, models: '../models.ts' }\n`)
    writeFileSync(join(dir, 'models.ts'), modelsSource(dialect))
    const migrate = must(athanor(['migrate', '-m', 'bench schema'], dir), 'migrate')
    const upgrade = must(athanor(['upgrade'], dir), 'upgrade')
    const checks = []
    for (let run = 0; run < RUNS; run++) {
      const result = must(athanor(['check'], dir), 'check')
      if (result.status !== 0) throw new Error(`check found differences on a schema athanor just created:\n${result.stdout.slice(0, 2000)}`)
      checks.push(result.seconds)
    }
    checks.sort((a, b) => a - b)
    const pulls = []
    for (let run = 0; run < RUNS; run++) pulls.push(must(athanor(['pull', '-o', join(dir, 'pulled.ts')], dir), 'pull').seconds)
    pulls.sort((a, b) => a - b)
    const noop = athanor(['--version'], dir).seconds
    return {
      dialect,
      migrate: migrate.seconds,
      upgrade: upgrade.seconds,
      checkMedian: checks[Math.floor(RUNS / 2)],
      checkBest: checks[0],
      pullMedian: pulls[Math.floor(RUNS / 2)],
      startup: noop,
    }
  } finally {
    if (dialect !== 'sqlite')
      await adminSql(
        dialect,
        dialect === 'postgresql' ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``,
      )
    rmSync(dir, { recursive: true, force: true })
  }
}

const wanted = process.argv.slice(2)
const dialects = wanted.length > 0 ? wanted : ['postgresql', 'mysql', 'sqlite']
console.log(
  `autogenerate: ${TABLES} tables, ${TABLES * (COLUMNS + 3)} columns, ${TABLES} indexes, ${TABLES * 2} unique constraints, ` +
    `${TABLES * 2 - 2} foreign keys (a ${TABLES}-deep chain); check and pull x${RUNS}`,
)
console.log('dialect      migrate   upgrade   check (median)   check (best)   pull (median)   node start-up (--version)')
for (const dialect of dialects) {
  const r = await benchmark(dialect)
  const s = (x) => `${x.toFixed(3)} s`
  console.log(
    `${r.dialect.padEnd(12)} ${s(r.migrate).padEnd(9)} ${s(r.upgrade).padEnd(9)} ` +
      `${s(r.checkMedian).padEnd(16)} ${s(r.checkBest).padEnd(14)} ${s(r.pullMedian).padEnd(15)} ${s(r.startup)}`,
  )
}
