// How long loading TypeScript scripts takes, by loader: a whole
// `athanor upgrade head --sql` process (start-up, reading N scripts,
// importing each to run its upgrade; nothing connects) on a chain of N
// TypeScript scripts, with
//
//   esbuild, cold    compiled by esbuild into an empty cache (a first run)
//   esbuild, warm    taken from the compile cache (every later run)
//   node             stripped by Node itself (Node 22.18+ / 23.6+; absent on Node 20)
//
// and the same chain written as JavaScript, which needs no loader, as the
// floor. The project has node_modules/athanor pointing at this checkout, as
// an application that installed athanor does, so Node's stripping applies.
// Prints the median and the fastest run; asserts nothing. Needs dist/ (npm run build).
//
//   node bench/ts-loading.mjs [N] [--runs R]
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeAthanorChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const count = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 500)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 5 : 5

const body = (n) => `  await op.createTable('t${n}', [{ name: 'id', type: 'integer', primaryKey: true }])`
const downBody = (n) => `  await op.dropTable('t${n}')`

/** A project with the chain in TypeScript (or, `asJavaScript`, with the types taken out by hand). */
function project(asJavaScript) {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-ts-'))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(root, join(dir, 'node_modules', 'athanor'))
  const migrations = writeAthanorChain(dir, count, { upgrade: body, downgrade: downBody })
  if (asJavaScript) {
    const versions = join(migrations, 'versions')
    for (const name of readdirSync(versions)) {
      const text = readFileSync(join(versions, name), 'utf8')
        .replace(/^import type .*\n/m, '')
        .replace(/: string \| string\[\] \| null|: string\[\] \| null|op: Operations|: Promise<void>/g, (m) =>
          m === 'op: Operations' ? 'op' : '',
        )
      writeFileSync(join(versions, name.replace(/\.ts$/, '.js')), text)
      rmSync(join(versions, name))
    }
  }
  return dir
}

function timeUpgrade(dir, env) {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, [cli, 'upgrade', 'head', '--sql', '--url', 'sqlite:///bench.db'], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`upgrade --sql failed (${JSON.stringify(env)}):\n${result.stderr}`)
  return ms
}

// The fastest run as well as the median: on a shared machine the other
// processes only ever add time, so the fastest is the closest to the cost.
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const ms = (value) => `${value.toFixed(0).padStart(6)} ms`
const report = (label, values) => console.log(`${label.padEnd(16)}${ms(median(values))}${ms(Math.min(...values))}`)

const tsProject = project(false)
const jsProject = project(true)
const caches = mkdtempSync(join(tmpdir(), 'athanor-bench-cache-'))
try {
  console.log(`athanor upgrade head --sql, ${count} scripts, ${runs} runs each, Node ${process.version}\n`)
  console.log(`${''.padEnd(16)}${'median'.padStart(9)}${'fastest'.padStart(9)}`)
  report(
    'esbuild, cold',
    Array.from({ length: runs }, (_, i) =>
      timeUpgrade(tsProject, { ATHANOR_TS_LOADER: 'esbuild', ATHANOR_CACHE_DIR: join(caches, `cold-${i}`) }),
    ),
  )
  const warmCache = join(caches, 'warm')
  timeUpgrade(tsProject, { ATHANOR_TS_LOADER: 'esbuild', ATHANOR_CACHE_DIR: warmCache })
  report(
    'esbuild, warm',
    Array.from({ length: runs }, () => timeUpgrade(tsProject, { ATHANOR_TS_LOADER: 'esbuild', ATHANOR_CACHE_DIR: warmCache })),
  )
  if (process.features.typescript) {
    report(
      'node',
      Array.from({ length: runs }, () => timeUpgrade(tsProject, { ATHANOR_TS_LOADER: 'node', ATHANOR_CACHE_DIR: 'off' })),
    )
  } else {
    console.log(
      `${'node'.padEnd(16)}${'-'.padStart(9)}${'-'.padStart(9)}   Node ${process.version} has no type stripping (22.18+ and 23.6+ have it)`,
    )
  }
  report(
    'JavaScript',
    Array.from({ length: runs }, () => timeUpgrade(jsProject, {})),
  )
} finally {
  for (const dir of [tsProject, jsProject, caches]) rmSync(dir, { recursive: true, force: true })
}
