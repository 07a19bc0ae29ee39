// Times `athanor lint` over a chain of N revisions (default 1,000) for
// PostgreSQL, read from no database (--offline): the whole process, scripts
// loaded, rendered as --sql renders them, every rule run. The first run
// compiles the TypeScript scripts into esbuild's cache where Node cannot
// strip their types; the runs after it are what CI sees on a warm cache.
// Besides the wall time it prints the CPU time the process used, which a
// machine busy with other work does not inflate as much.
//
//   node bench/lint.mjs [N] [--runs R]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeAthanorChain } from './chain-scripts.mjs'
import { cpuHook, cpuMs } from './cpu-time.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1000)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 5 : 5

// A mix of what real chains do: tables, columns, indexes, keys, backfills.
const BODIES = [
  (n) => `  await op.createTable('t_${n}', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'ref', type: 'integer' }])`,
  (n) => `  await op.addColumn('t_${n - 1}', { name: 'c_${n}', type: 'text' })`,
  (n) => `  await op.createIndex('ix_${n}', 't_${n - 2}', ['ref'])`,
  (n) =>
    `  await op.createForeignKey('fk_${n}', 't_${n - 3}', 't_${n - 3}', ['ref'], ['id'])\n` +
    `  await op.execute('UPDATE t_${n - 3} SET ref = id')`,
]

const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-lint-'))
try {
  const migrations = writeAthanorChain(dir, count, { upgrade: (n) => BODIES[n % BODIES.length](n), downgrade: () => '' })
  const hook = cpuHook(dir)
  const url = 'postgresql://bench@127.0.0.1:1/bench'
  const argv = ['--import', hook, cli, 'lint', '-d', migrations, '--url', url, '--offline', '--format', 'json']
  const sqlArgv = ['--import', hook, cli, 'upgrade', '-d', migrations, '--url', url, '--sql']
  const once = (command = argv) => {
    const started = process.hrtime.bigint()
    const result = spawnSync(process.execPath, command, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (result.status !== 0 && result.status !== 1) throw new Error(`lint exited ${result.status}: ${result.stderr}`)
    const cpu = cpuMs(result.stderr)
    return { ms, cpu, findings: command === argv ? JSON.parse(result.stdout).findings.length : 0 }
  }
  const first = once()
  const warm = Array.from({ length: runs }, once)
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const wall = median(warm.map((run) => run.ms))
  const cpu = median(warm.map((run) => run.cpu))
  // The floor lint stands on: loading the scripts and rendering them as --sql does.
  const sql = Array.from({ length: runs }, () => once(sqlArgv))
  console.log(`athanor lint, ${count} revisions, PostgreSQL rules, offline: ${first.findings} findings`)
  console.log(`  first run (compiles the scripts): ${first.ms.toFixed(0)} ms wall, ${first.cpu.toFixed(0)} ms CPU`)
  console.log(`  warm, median of ${runs}:            ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`)
  console.log(
    `  upgrade --sql, same chain:        ${median(sql.map((run) => run.ms)).toFixed(0)} ms wall, ` +
      `${median(sql.map((run) => run.cpu)).toFixed(0)} ms CPU`,
  )
  console.log(`  goal: under 1000 ms warm: ${wall < 1000 ? 'met' : `not met on the wall clock${cpu < 1000 ? ' (met in CPU time)' : ''}`}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
