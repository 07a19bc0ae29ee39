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

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'athanor.js')
const TABLES = 500
const COLUMNS = 10
const RUNS = 5

const servers = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
}

/** Columns of each dialect's own types, three a table, and how to write its key. */
const WIDE = {
  mysql: {
    key: 'col.integer().unsigned().primaryKey().autoincrement()',
    columns: [
      "  touched: col.timestamp({ precision: 0, onUpdateNow: true }).notNull().default(sql('CURRENT_TIMESTAMP')),",
      "  flags: col.set(['Red', 'green', 'BLUE']),",
      "  twice: col.bigint().unsigned().generated('n6 * 2', { stored: true }),",
    ],
  },
  postgresql: {
    key: 'col.bigint().primaryKey().identity({ always: true, start: 1000 })',
    columns: [
      "  tags: col.raw('text[]').notNull().default('{}'),",
      "  sorted: col.text().collate('C'),",
      "  twice: col.bigint().generated('n6 * 2', { stored: true }),",
    ],
  },
  sqlite: {
    key: 'col.integer().primaryKey().autoincrement()',
    columns: ["  label: col.raw('NVARCHAR(120)'),", "  born: col.raw('TIMESTAMP'),", "  plays: col.raw('INT').notNull().default(0),"],
  },
}

/** The models module: table i refers to table i-1 (the chain) and to table 0. */
function modelsSource(dialect) {
  const wide = WIDE[dialect]
  const lines = ["import { col, defineModels, index, table, unique } from 'athanor'", '']
  for (let i = 0; i < TABLES; i++) {
    const columns = [`  id: ${wide.key},`]
    const ref = dialect === 'mysql' ? 'col.integer().unsigned()' : dialect === 'postgresql' ? 'col.bigint()' : 'col.integer()'
    if (i > 0) columns.push(`  prev_id: ${ref}.references('t${i - 1}', { onDelete: 'CASCADE' }),`)
    if (i > 1) columns.push(`  root_id: ${ref}.references('t0'),`)
    columns.push('  code: col.string(40).notNull().unique(),')
    for (let c = columns.length; c < COLUMNS; c++) {
      columns.push(
        c % 3 === 0
          ? `  n${c}: col.integer().notNull().default(0),`
          : c % 3 === 1
            ? `  s${c}: col.string(80),`
            : `  at${c}: col.timestamp().default(sql('CURRENT_TIMESTAMP')),`,
      )
    }
    const firstString = columns.map((l) => /^ {2}(s\d+):/.exec(l)?.[1]).find(Boolean)
    columns.push(...wide.columns)
    lines.push(
      `export const t${i} = table('t${i}', {`,
      ...columns,
      `}, { indexes: [index(['${firstString}'])], uniques: [unique(['code', '${firstString}'])] })`,
      '',
    )
  }
  lines[0] = "import { col, defineModels, index, sql, table, unique } from 'athanor'"
  lines.push(`export default defineModels(${Array.from({ length: TABLES }, (_, i) => `t${i}`).join(', ')})`, '')
  return lines.join('\n')
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
