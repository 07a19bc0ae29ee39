// Times SQLite table rebuilds through athanor (`athanor upgrade`, a whole
// process, with the migration making a column NOT NULL) against the floor:
// the same rebuild written by hand and run in one sqlite3 shell session,
// SQLite's own procedure (https://sqlite.org/lang_altertable.html#otheralter:
// foreign keys off, create, copy, drop, rename, indexes, foreign_key_check,
// commit, foreign keys on). Three cases, each from a fresh copy of its file:
//   a. a 1,000,000-row parent with a 100,000-row child whose foreign-key
//      column has no index (ON DELETE NO ACTION), the parent rebuilt;
//   b. the same parent with a CASCADE child whose column is indexed;
//   c. a 1,000,000-row table with three indexes and a foreign key to a small
//      parent, itself rebuilt.
// Needs `npm run build` and the sqlite3 shell.
//
//   node bench/sqlite-rebuild.mjs [ROWS] [--runs R] [--case a|b|c]
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const option = (name) => (args.indexOf(name) < 0 ? undefined : args[args.indexOf(name) + 1])
const runs = Number(option('--runs')) || 3
const only = option('--case')
const rows = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--runs') ?? 1_000_000)
const childRows = Math.max(1, Math.floor(rows / 10))

const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-rebuild-'))

const fill = (table, columns, count, values) =>
  `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${count})\n` +
  `  INSERT INTO ${table} (${columns}) SELECT ${values} FROM k;`

const PARENT = `CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score INTEGER, note TEXT);
  ${fill('parent', 'name, score, note', rows, "'p' || i, i % 97, hex(randomblob(8))")}`
const PARENT_NEW = `CREATE TABLE "_new_parent" (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score INTEGER NOT NULL, note TEXT);
  INSERT INTO "_new_parent" (id, name, score, note) SELECT id, name, score, note FROM parent;
  DROP TABLE parent;
  ALTER TABLE "_new_parent" RENAME TO parent;`

const CASES = {
  a: {
    what: `${rows} parent rows, a ${childRows}-row child without an index on its foreign key`,
    setup: `${PARENT}
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id), v TEXT);
      ${fill('child', 'parent_id, v', childRows, `1 + (i * 7919) % ${rows}, 'c' || i`)}`,
    table: 'parent',
    hand: PARENT_NEW,
  },
  b: {
    what: `${rows} parent rows, a ${childRows}-row ON DELETE CASCADE child, indexed`,
    setup: `${PARENT}
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE, v TEXT);
      ${fill('child', 'parent_id, v', childRows, `1 + (i * 7919) % ${rows}, 'c' || i`)}
      CREATE INDEX ix_child_parent ON child (parent_id);`,
    table: 'parent',
    hand: PARENT_NEW,
  },
  c: {
    what: `${rows} rows, three indexes, a foreign key to a 1,000-row parent`,
    setup: `CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      ${fill('parent', 'name', 1000, "'p' || i")}
      CREATE TABLE big (
        id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id), email TEXT NOT NULL, score INTEGER, note TEXT
      );
      ${fill('big', 'parent_id, email, score, note', rows, "1 + i % 1000, 'user' || i || '@example.com', i % 97, hex(randomblob(8))")}
      CREATE INDEX ix_big_parent ON big (parent_id);
      CREATE UNIQUE INDEX ix_big_email ON big (email);
      CREATE INDEX ix_big_score ON big (score);`,
    table: 'big',
    hand: `CREATE TABLE "_new_big" (
        id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id), email TEXT NOT NULL, score INTEGER NOT NULL, note TEXT
      );
      INSERT INTO "_new_big" (id, parent_id, email, score, note) SELECT id, parent_id, email, score, note FROM big;
      DROP TABLE big;
      ALTER TABLE "_new_big" RENAME TO big;
      CREATE INDEX ix_big_parent ON big (parent_id);
      CREATE UNIQUE INDEX ix_big_email ON big (email);
      CREATE INDEX ix_big_score ON big (score);`,
  },
}

/** SQLite's procedure by hand: enforcement off, the rebuild, the check, enforcement on. */
const byHand = (sql) => `PRAGMA foreign_keys = OFF;\nBEGIN;\n${sql}\nPRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n`

function writeProject(name, table) {
  const versions = join(dir, name, 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(
    join(versions, 'r1_not_null.js'),
    [
      "export const revision = 'r1'",
      'export const downRevision = null',
      'export const branchLabels = null',
      'export const dependsOn = null',
      `export async function upgrade(op) { await op.alterColumn('${table}', 'score', { nullable: false }) }`,
      'export async function downgrade() {}',
      '',
    ].join('\n'),
  )
  return join(dir, name)
}

function timed(command, argv, input) {
  const started = performance.now()
  const result = spawnSync(command, argv, { input, encoding: 'utf8', cwd: dir })
  const ms = performance.now() - started
  if (result.status !== 0 || /Error/i.test(result.stderr)) throw new Error(`${command} failed: ${result.stderr}`)
  return ms
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function check(path, table, expected) {
  const db = new Database(path, { readonly: true })
  const n = db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n
  const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table).sql
  const hasChild = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'child'").get().n > 0
  const children = hasChild ? db.prepare('SELECT count(*) AS n FROM child').get().n : 0
  db.close()
  if (n !== expected.rows || !/"?score"? INTEGER NOT NULL/.test(sql) || children !== expected.children) {
    throw new Error(`unexpected result: ${n} rows, ${children} child rows, ${sql}`)
  }
}

console.log(`runs: ${runs} each (medians); whole processes, fresh copies of the same file`)
for (const [name, spec] of Object.entries(CASES)) {
  if (only !== undefined && only !== name) continue
  const seed = join(dir, `seed-${name}.db`)
  const db = new Database(seed)
  db.exec(`PRAGMA journal_mode = DELETE; ${spec.setup}`)
  const expected = {
    rows: db.prepare(`SELECT count(*) AS n FROM ${spec.table}`).get().n,
    children: name === 'c' ? 0 : db.prepare('SELECT count(*) AS n FROM child').get().n,
  }
  db.close()
  const project = writeProject(`migrations-${name}`, spec.table)
  const hand = []
  const athanor = []
  for (let r = 0; r < runs; r++) {
    const a = join(dir, `hand-${name}-${r}.db`)
    copyFileSync(seed, a)
    hand.push(timed('sqlite3', [a], byHand(spec.hand)))
    check(a, spec.table, expected)
    rmSync(a)
    const b = join(dir, `athanor-${name}-${r}.db`)
    copyFileSync(seed, b)
    athanor.push(timed(process.execPath, [cli, 'upgrade', '-d', project, '--url', `sqlite:///${b}`]))
    check(b, spec.table, expected)
    rmSync(b)
  }
  const floor = median(hand)
  const ours = median(athanor)
  console.log(`\n(${name}) ${spec.what}`)
  console.log(`  sqlite3 shell, by hand (floor): ${(floor / 1000).toFixed(2)} s`)
  console.log(`  athanor upgrade:                ${(ours / 1000).toFixed(2)} s`)
  console.log(`  ratio: ${(ours / floor).toFixed(2)}x (goal <= 1.3x)`)
}
rmSync(dir, { recursive: true, force: true })
