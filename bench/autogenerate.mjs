// Autogenerate at scale: `check` and `pull` as whole processes (start-up,
// config, models, introspection, diff or rendering) against a 500-table,
// 6,500-column schema with indexes, unique constraints and foreign keys, one
// of them a 500-deep chain, and in every table columns of each dialect's own
// types (MySQL UNSIGNED, DATETIME, ON UPDATE, SET, MEDIUMTEXT and generated
// columns; PostgreSQL arrays, identity options, collations and generated
// columns; SQLite declared types kept as written), views and triggers (on
// PostgreSQL also an enum type, a domain, a trigger function and a
// partitioned table), on PostgreSQL, MariaDB and SQLite. Prints the times;
// asserts none.
//
// Beside them, Alembic on the same database (bench/alembic-compare.py, also a
// whole process, Python start-up included): MetaData.reflect() beside `pull`,
// and compare_metadata() against a target equal to the database beside the
// clean `check`, with the ratio check / compare_metadata (issue 12's goal:
// at most 0.1). Where Alembic fails to read a database, the error is printed
// and that dialect has no Alembic figures; where it only fails for want of
// stack (the 500-deep chain, see alembic-compare.py), that is printed too.
// One untimed warm-up round, then RUNS rounds interleaved (athanor pull,
// Alembic reflect, athanor check, Alembic compare_metadata); medians, and the
// best, of the rounds. The load average is printed with each dialect, as the
// figures depend on it.
//
//   node scripts/build.mjs && node bench/autogenerate.mjs [--runs N] [sqlite] [postgresql] [mysql]
//
// --runs N: N timed rounds instead of 5 (medians of fewer rounds, for a quick look).
//
// Needs dist/ and the servers of the live tests (ATHANOR_TEST_POSTGRES_URL /
// ATHANOR_TEST_MYSQL_URL override them); for Alembic, Debian's python3-alembic
// with psycopg2 and PyMySQL (ALEMBIC_PYTHON overrides /usr/bin/python3).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COLUMNS, modelsSource, TABLES, TRIGGERS, VIEWS } from './schema-models.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'athanor.js')
const alembicScript = join(root, 'bench', 'alembic-compare.py')
// Debian's python3-alembic lives in the system Python, not in a pyenv one.
const PYTHON = process.env.ALEMBIC_PYTHON ?? '/usr/bin/python3'

const servers = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
}

function timed(command, args, cwd) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { ...result, seconds }
}

const athanor = (args, cwd) => timed(process.execPath, [bin, ...args], cwd)

/** The same database for SQLAlchemy: PyMySQL as MySQL's driver (psycopg2 is PostgreSQL's default). */
const sqlalchemyUrl = (url) => url.replace(/^mysql:/, 'mysql+pymysql:').replace(/^postgres:/, 'postgresql:')

/**
 * Alembic's side, once: its report and time, or why it could not read the
 * database (the last line of Python's traceback) so that the bench goes on.
 */
function alembic(args, cwd) {
  const result = timed(PYTHON, [alembicScript, ...args], cwd)
  if (result.status === 0) return { report: JSON.parse(result.stdout.trim().split('\n').pop()), seconds: result.seconds }
  const reason = result.error?.message ?? (result.stderr.trim().split('\n').pop() || `exit ${result.status}`)
  return { error: `alembic-compare.py ${args[0]} failed: ${reason}` }
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
    const check = () => {
      const result = must(athanor(['check'], dir), 'check')
      if (result.status !== 0) throw new Error(`check found differences on a schema athanor just created:\n${result.stdout.slice(0, 2000)}`)
      return result.seconds
    }
    const pull = () => must(athanor(['pull', '-o', join(dir, 'pulled.ts')], dir), 'pull').seconds
    const dbUrl = sqlalchemyUrl(url)
    const target = join(dir, 'target.pickle')
    // The warm-up round, untimed: it also pickles the target and finds out whether Alembic reads this database at all.
    pull()
    check()
    // `failure` ends Alembic's side for this dialect: the bench goes on with athanor's.
    let failure
    let report
    const alembicRun = (args) => {
      if (failure !== undefined) return undefined
      const result = alembic(args, dir)
      failure = result.error
      report = result.report ?? report
      return result.seconds
    }
    alembicRun(['reflect', dbUrl, target])
    alembicRun(['compare', dbUrl, target])
    // Once more with Python's own stack and recursion limit, as a stock env.py runs (see alembic-compare.py).
    const stock = failure === undefined ? alembic(['compare', dbUrl, target, '--default-stack'], dir).error : undefined
    const times = { pull: [], check: [], reflect: [], compare: [] }
    const record = (key, seconds) => seconds !== undefined && times[key].push(seconds)
    for (let run = 0; run < RUNS; run++) {
      record('pull', pull())
      record('reflect', alembicRun(['reflect', dbUrl]))
      record('check', check())
      record('compare', alembicRun(['compare', dbUrl, target]))
    }
    const python = timed(PYTHON, ['-c', 'import alembic.autogenerate, sqlalchemy'], dir)
    return {
      dialect,
      migrate: migrate.seconds,
      upgrade: upgrade.seconds,
      times,
      alembic: failure ?? report,
      stock,
      nodeStartup: athanor(['--version'], dir).seconds,
      pythonStartup: python.status === 0 ? python.seconds : undefined,
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

const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const RUNS = runsAt === -1 ? 5 : Number(args.splice(runsAt, 2)[1])
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs takes a whole number of rounds, at least 1')
const wanted = args
const dialects = wanted.length > 0 ? wanted : ['postgresql', 'mysql', 'sqlite']
const s = (x) => (x === undefined ? '-' : `${x.toFixed(3)} s`)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const best = (xs) => (xs.length === 0 ? undefined : Math.min(...xs))
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')
console.log(
  `autogenerate: ${TABLES} tables, ${TABLES * (COLUMNS + 3)} columns, ${TABLES} indexes, ${TABLES * 2} unique constraints, ` +
    `${TABLES * 2 - 2} foreign keys (a ${TABLES}-deep chain), ${VIEWS} views and ${TRIGGERS} triggers ` +
    '(PostgreSQL: also an enum type and a domain used by every table, a trigger function and a table partitioned in four); ' +
    `whole processes, a warm-up round then ${RUNS} interleaved rounds`,
)
for (const dialect of dialects) {
  const before = load()
  const r = await benchmark(dialect)
  console.log(`\n${r.dialect}: load average (1, 5, 15 min) ${before} before, ${load()} after`)
  console.log(
    `  athanor migrate ${s(r.migrate)}, upgrade ${s(r.upgrade)}; ` +
      `start-up: node ${s(r.nodeStartup)}, python + imports ${s(r.pythonStartup)}`,
  )
  console.log(`  ${''.padEnd(28)} ${'median'.padEnd(9)} best`)
  for (const [label, key] of [
    ['athanor pull', 'pull'],
    ['Alembic reflect', 'reflect'],
    ['athanor check', 'check'],
    ['Alembic compare_metadata', 'compare'],
  ])
    console.log(`  ${label.padEnd(28)} ${s(median(r.times[key])).padEnd(9)} ${s(best(r.times[key]))}`)
  if (typeof r.alembic === 'string') console.log(`  no Alembic figures: ${r.alembic}`)
  else {
    const ratio = median(r.times.check) / median(r.times.compare)
    console.log(`  athanor check / Alembic compare_metadata: ${ratio.toFixed(2)} (goal <= 0.1)`)
    console.log(
      `  Alembic saw ${r.alembic.tables} tables, ${r.alembic.diffs} differences` +
        `${r.alembic.diffs > 0 ? `: ${r.alembic.first_diffs.join('; ')}` : ''}`,
    )
    for (const warning of r.alembic.warnings) console.log(`  Alembic warned: ${warning}`)
    if (r.stock !== undefined) console.log(`  with Python's default stack and recursion limit, ${r.stock}`)
  }
}
