// Autogenerate without a database: `migrate --offline` replays the migration
// that built the 500-table schema (5,000 columns, indexes, unique
// constraints, 998 foreign keys) on PGlite in memory and diffs the models
// against it; `migrate` reads the same schema from the live PostgreSQL
// server at head. The models add one column, so both write a one-op script;
// the scripts must all be the same text. Each is a whole process (start-up,
// config, models, replay or introspection, diff). Offline is timed twice:
// cold, with no catalog kept from an earlier run (a new revision, or a fresh
// CI machine), and warm, where the scripts have not changed since the last
// run and the kept catalog answers without a replay. Prints the wall and
// CPU times (see cpu-time.mjs; online, the server's own CPU is not
// counted); asserts none but the equality.
//
//   node bench/offline-autogenerate.mjs [runs]
//
// Needs dist/ (npm run build), @electric-sql/pglite, and the PostgreSQL
// server of the live tests (ATHANOR_TEST_POSTGRES_URL overrides it).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpuHook, cpuMs } from './cpu-time.mjs'
import { COLUMNS, modelsSource, TABLES } from './schema-models.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'athanor.js')
const RUNS = Number(process.argv[2] ?? 3)
const server = process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

function athanor(args, cwd) {
  const started = process.hrtime.bigint()
  // A cache of the bench's own: the compiled models are warm for every mode alike, and the catalog kept is under its control.
  const env = { ...process.env, ATHANOR_CACHE_DIR: join(cwd, 'cache') }
  const argv = ['--import', cpuHook(cwd), bin, ...args]
  const result = spawnSync(process.execPath, argv, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0)
    throw new Error(`athanor ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 4000))
  return { ...result, seconds, cpu: cpuMs(result.stderr) / 1000 }
}

async function adminSql(sql) {
  const { openConnection } = await import(join(root, 'dist', 'dialect', 'registry.js'))
  const { parseDatabaseUrl } = await import(join(root, 'dist', 'core', 'database-url.js'))
  const connection = await openConnection(parseDatabaseUrl(server))
  try {
    await connection.execute({ sql })
  } finally {
    await connection.close()
  }
}

/** The path of the script a `migrate` run wrote, from its `Generating … ... done` line. */
function written(result) {
  const path = /Generating (.+) \.\.\. done/.exec(result.stderr)?.[1]
  if (path === undefined) throw new Error(`migrate wrote no script:\n${result.stderr}`)
  return path
}

/** A script's text without its Create Date, which differs between two runs. */
const scriptText = (path) => readFileSync(path, 'utf8').replace(/Create Date: .*$/m, '')

/** Forgets the catalog `--offline` kept, as a new revision would. */
function forgetCatalog(dir) {
  for (const name of readdirSync(join(dir, 'cache'))) if (name.startsWith('offline-catalog-')) rmSync(join(dir, 'cache', name))
}

/** Runs `args` RUNS times, removing the script each writes (`before` runs first each time); its median times and the last script's text. */
function timed(args, dir, before = () => {}) {
  const times = []
  const cpu = []
  let text = ''
  for (let run = 0; run < RUNS; run++) {
    before()
    const result = athanor(args, dir)
    const path = written(result)
    text = scriptText(path)
    rmSync(path)
    times.push(result.seconds)
    cpu.push(result.cpu)
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(RUNS / 2)]
  return { median: median(times), best: Math.min(...times), cpu: median(cpu), text }
}

const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-offline-'))
const name = `athanor_bench_offline_${process.pid}`
await adminSql(`CREATE DATABASE "${name}"`)
const url = new URL(server)
url.pathname = `/${name}`
try {
  mkdirSync(join(dir, 'migrations', 'versions'), { recursive: true })
  writeFileSync(
    join(dir, 'migrations', 'athanor.config.ts'),
    `export default { url: ${JSON.stringify(url.toString())}, models: '../models.ts' }\n`,
  )
  writeFileSync(join(dir, 'models.ts'), modelsSource())
  athanor(['migrate', '-m', 'bench schema'], dir)
  athanor(['upgrade'], dir)
  // One change for both to find: a column added to the last table.
  const last = `t${TABLES - 1}`
  writeFileSync(
    join(dir, 'models.ts'),
    modelsSource().replace(
      `export const ${last} = table('${last}', {\n`,
      `export const ${last} = table('${last}', {\n  added: col.text(),\n`,
    ),
  )
  const change = ['migrate', '-m', 'add a column', '--rev-id', 'bench0ffline']
  const cold = timed([...change, '--offline'], dir, () => forgetCatalog(dir))
  const warm = timed([...change, '--offline'], dir)
  const online = timed(change, dir)
  for (const [mode, { text }] of Object.entries({ cold, warm })) {
    if (text !== online.text) throw new Error(`the offline script (${mode}) differs from the online one:\n${text}\n---\n${online.text}`)
  }
  const s = (x) => `${x.toFixed(3)} s`
  const row = (mode, { median, best, cpu }) => console.log(`${mode.padEnd(48)} ${s(median).padEnd(10)} ${s(best).padEnd(10)} ${s(cpu)}`)
  console.log(`migrate of one added column on ${TABLES} tables, ${TABLES * COLUMNS} columns, ${TABLES * 2 - 2} foreign keys; x${RUNS} each`)
  console.log(`${'mode'.padEnd(48)} median     best       CPU (median)`)
  row('--offline, cold (replayed on PGlite in memory)', cold)
  row('--offline, warm (the catalog kept from a run)', warm)
  row('online (PostgreSQL server at head)', online)
  const ratio = (a, b) => `${(a / b).toFixed(1)}x`
  console.log(
    `the three scripts are the same text; --offline takes ${ratio(cold.median, online.median)} the online wall time cold, ` +
      `${ratio(warm.median, online.median)} warm (online CPU is athanor's alone: the server's work is not in it)`,
  )
} finally {
  await adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  rmSync(dir, { recursive: true, force: true })
}
