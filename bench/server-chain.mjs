// Times `athanor upgrade` of a chain of N revisions (default 1,000) on the
// PostgreSQL and MariaDB test servers, each run a whole CLI process on a
// fresh database, against the floor of the server's own client running the
// SQL that `upgrade --sql` prints (`psql -1 -f`, `mariadb <`). Each revision
// creates a table and inserts a row. Prints median times and the ratio; on
// MariaDB, where athanor journals each of those statements as it completes
// (DDL cannot roll back), also what that costs per statement over the floor.
//
//   node bench/server-chain.mjs [N] [--runs R] [--only postgresql|mysql] [-- extra upgrade args]
//
// Servers: ATHANOR_TEST_POSTGRES_URL / ATHANOR_TEST_MYSQL_URL as in the live
// tests (default postgres@127.0.0.1:5432, root@127.0.0.1:3306).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeTableRowChain } from './chain-scripts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const dash = process.argv.indexOf('--')
const args = dash < 0 ? process.argv.slice(2) : process.argv.slice(2, dash)
const extra = dash < 0 ? [] : process.argv.slice(dash + 1)
// The chain's length is the number not given to an option (`--runs 3` is not a length).
const count = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--runs') ?? 1000)
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) || 3 : 3
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined

const servers = {
  postgresql: new URL(process.env.ATHANOR_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'),
  mysql: new URL(process.env.ATHANOR_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/'),
}

/** The server's own client, as argv, for an admin statement or a script. */
function client(dialect, database) {
  const url = servers[dialect]
  if (dialect === 'postgresql') {
    return [
      'psql',
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        decodeURIComponent(url.username || 'postgres'),
        '-d',
        database ?? 'postgres',
      ],
    ]
  }
  return [
    'mariadb',
    [
      '-h',
      url.hostname,
      '-P',
      url.port || '3306',
      '-u',
      decodeURIComponent(url.username || 'root'),
      ...(url.password ? [`-p${decodeURIComponent(url.password)}`] : []),
      ...(database ? [database] : []),
    ],
  ]
}

function admin(dialect, sql) {
  const [command, argv] = client(dialect)
  // client_min_messages: no NOTICE for a DROP … IF EXISTS of nothing.
  const env = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' }
  execFileSync(command, [...argv, ...(dialect === 'postgresql' ? ['-c', sql] : ['-e', sql])], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
}

function databaseUrl(dialect, name) {
  const url = new URL(servers[dialect])
  url.pathname = `/${name}`
  return url.toString()
}

function fresh(dialect) {
  const name = `athanor_bench_${process.pid}`
  admin(dialect, `DROP DATABASE IF EXISTS ${name}`)
  admin(dialect, `CREATE DATABASE ${name}`)
  return name
}

function timed(command, argv, options) {
  const started = performance.now()
  const result = spawnSync(command, argv, { ...options, stdio: [options.input ? 'pipe' : 'ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${result.stderr}`)
  return ms
}

/** What one autocommitted one-row UPDATE costs here, from the server's own client: the price of a journal entry's commit. */
function commitMs(dialect, name) {
  const [command, argv] = client(dialect, name)
  const n = 200
  const setup = 'CREATE TABLE commit_probe (id INT PRIMARY KEY, n INT);\nINSERT INTO commit_probe VALUES (1, 0);\n'
  const updates = Array.from({ length: n }, (_, i) => `UPDATE commit_probe SET n = ${i} WHERE id = 1;`).join('\n')
  fresh(dialect)
  const base = timed(command, argv, { input: setup })
  fresh(dialect)
  return (timed(command, argv, { input: setup + updates }) - base) / n
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const dir = mkdtempSync(join(tmpdir(), 'athanor-server-bench-'))
try {
  const migrations = writeTableRowChain(dir, count)
  console.log(`${count} revisions, each CREATE TABLE + one-row INSERT; median of ${runs} runs, each on a fresh database`)
  for (const dialect of ['postgresql', 'mysql']) {
    if (only && only !== dialect) continue
    const name = fresh(dialect)
    const athanor = []
    const floor = []
    let commit = 0
    try {
      const url = databaseUrl(dialect, name)
      const sqlFile = join(dir, `${dialect}.sql`)
      const sql = execFileSync(process.execPath, [cli, 'upgrade', '--sql', '-d', migrations, '--url', url, ...extra], {
        maxBuffer: 1 << 30,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      writeFileSync(sqlFile, sql)
      // A first run compiles the scripts into athanor's cache, as the first
      // upgrade of a deployment would; the timed runs start warm.
      timed(process.execPath, [cli, 'upgrade', '-d', migrations, '--url', url, ...extra], { cwd: dir })
      for (let run = 0; run < runs; run++) {
        fresh(dialect)
        athanor.push(timed(process.execPath, [cli, 'upgrade', '-d', migrations, '--url', url, ...extra], { cwd: dir }))
        fresh(dialect)
        const [command, argv] = client(dialect, name)
        floor.push(
          dialect === 'postgresql'
            ? timed(command, [...argv, '-1', '-f', sqlFile], { cwd: dir })
            : timed(command, argv, { cwd: dir, input: sql }),
        )
      }
      if (dialect === 'mysql') commit = commitMs(dialect, name)
    } finally {
      admin(dialect, `DROP DATABASE IF EXISTS ${name}`)
    }
    const a = median(athanor)
    const f = median(floor)
    const label = dialect === 'postgresql' ? 'PostgreSQL (psql -1 -f)' : 'MariaDB (mariadb < file)'
    console.log(
      `${label.padEnd(26)} athanor upgrade ${a.toFixed(0).padStart(6)} ms   ` +
        `floor ${f.toFixed(0).padStart(6)} ms   ratio ${(a / f).toFixed(2)}x`,
    )
    if (dialect === 'mysql') {
      // Two statements per revision, each journaled; the version row and the step's close are one commit, as the floor's UPDATE.
      const statements = 2 * count
      console.log(
        `${''.padEnd(26)} journaled statements ${statements}: ${((a - f) / statements).toFixed(2)} ms each over the floor ` +
          `(a commit costs ${commit.toFixed(2)} ms on this server)`,
      )
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
