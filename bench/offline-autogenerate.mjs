// Autogenerate without a database: `migrate --offline` replays the migration
// that built the 500-table schema (5,000 columns, indexes, unique
// constraints, 998 foreign keys) on PGlite in memory and diffs the models
// against it; `migrate` reads the same schema from the live PostgreSQL
// server at head. The models add one column, so both write a one-op script;
// the two scripts must be the same text. Each is a whole process (start-up,
// config, models, replay or introspection, diff). Prints the times; asserts
// none but the equality.
//
//   node bench/offline-autogenerate.mjs [runs]
//
// Needs dist/ (npm run build), @electric-sql/pglite, and the PostgreSQL
// server of the live tests (ATHANOR_TEST_POSTGRES_URL overrides it).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COLUMNS, modelsSource, TABLES } from './schema-models.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'athanor.js')
const RUNS = Number(process.argv[2] ?? 3)
const server = process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

function athanor(args, cwd) {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0)
    throw new Error(`athanor ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 4000))
  return { ...result, seconds }
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

/** Runs `args` RUNS times, removing the script each writes; its median time and the last script's text. */
function timed(args, dir) {
  const times = []
  let text = ''
  for (let run = 0; run < RUNS; run++) {
    const result = athanor(args, dir)
    const path = written(result)
    text = scriptText(path)
    rmSync(path)
    times.push(result.seconds)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(RUNS / 2)], best: times[0], text }
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
  const offline = timed([...change, '--offline'], dir)
  const online = timed(change, dir)
  if (offline.text !== online.text) throw new Error(`the offline script differs from the online one:\n${offline.text}\n---\n${online.text}`)
  const s = (x) => `${x.toFixed(3)} s`
  console.log(`migrate of one added column on ${TABLES} tables, ${TABLES * COLUMNS} columns, ${TABLES * 2 - 2} foreign keys; x${RUNS} each`)
  console.log('mode                                     median     best')
  console.log(`${'--offline (replayed on PGlite in memory)'.padEnd(40)} ${s(offline.median).padEnd(10)} ${s(offline.best)}`)
  console.log(`${'online (PostgreSQL server at head)'.padEnd(40)} ${s(online.median).padEnd(10)} ${s(online.best)}`)
  console.log('the two scripts are the same text')
} finally {
  await adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  rmSync(dir, { recursive: true, force: true })
}
