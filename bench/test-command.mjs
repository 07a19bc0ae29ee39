// Times `athanor test` on a chain of N revisions (default 200) on each
// dialect: SQLite in memory, and the PostgreSQL and MariaDB test servers,
// where it creates and drops its own scratch databases. Each revision
// creates a table with an index; the stairway reads the whole catalog after
// each downgrade and upgrade, so the work grows with the square of N.
// Prints the wall time of each CLI process and the time of each test.
//
//   node bench/test-command.mjs [N] [--only sqlite|postgresql|mysql]
//
// Servers: ATHANOR_TEST_POSTGRES_URL / ATHANOR_TEST_MYSQL_URL as in the live
// tests (default postgres@127.0.0.1:5432, root@127.0.0.1:3306).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeAthanorChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 200)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined

const urls = {
  sqlite: (dir) => `sqlite:///${join(dir, 'never-created.db')}`,
  postgresql: () => process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  mysql: () => process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
}

function writeChain(dir) {
  return writeAthanorChain(dir, count, {
    upgrade: (n) =>
      `  await op.createTable('t_${n}', [` +
      `{ name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: { kind: 'string', length: 40 } }])\n` +
      `  await op.createIndex('ix_t_${n}_note', 't_${n}', ['note'])`,
    downgrade: (n) => `  await op.dropIndex('ix_t_${n}_note', { table: 't_${n}' })\n  await op.dropTable('t_${n}')`,
  })
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`

console.log(`athanor test on a chain of ${count} revisions (each: a table and an index)`)
for (const dialect of Object.keys(urls)) {
  if (only !== undefined && only !== dialect) continue
  const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-test-'))
  try {
    const migrations = writeChain(dir)
    // A first run compiles the scripts into esbuild's cache; the timed run is the second, as in CI after the first.
    spawnSync(process.execPath, [cli, '-d', migrations, '--url', urls[dialect](dir), 'upgrade', 'heads', '--sql'], { cwd: dir })
    const started = performance.now()
    const run = spawnSync(process.execPath, [cli, '-d', migrations, '--url', urls[dialect](dir), 'test', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    const wall = performance.now() - started
    if (run.status !== 0) {
      console.log(`${dialect}: exit ${run.status}\n${run.stderr}${run.stdout.slice(0, 2000)}`)
      continue
    }
    const report = JSON.parse(run.stdout)
    const tests = report.databases[0].tests.map((t) => `${t.name} ${seconds(t.durationMs)}`).join(', ')
    console.log(`${dialect.padEnd(10)} ${seconds(wall).padStart(8)} in all (${tests})`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
