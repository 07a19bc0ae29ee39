// Times a SQLite table rebuild of a 1,000,000-row table (three indexes and a
// foreign key) through athanor (`athanor upgrade`, a whole process, with the
// migration making a column NOT NULL) against the floor: the same rebuild
// written by hand and run in one sqlite3 shell session, following
// https://sqlite.org/lang_altertable.html#otheralter (create, copy, drop,
// rename, indexes, foreign_key_check). Each run starts from a fresh copy of
// the same database file. Needs `npm run build` and the sqlite3 shell.
//
//   node bench/sqlite-rebuild.mjs [ROWS] [--runs R]
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'bin', 'athanor.js')
const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const runs = runsAt < 0 ? 3 : Number(args[runsAt + 1]) || 3
const rows = Number(args.find((arg, i) => /^\d+$/.test(arg) && (runsAt < 0 || i !== runsAt + 1)) ?? 1_000_000)

const dir = mkdtempSync(join(tmpdir(), 'athanor-bench-rebuild-'))
const seed = join(dir, 'seed.db')

function prepare() {
  const db = new Database(seed)
  db.exec(`
    PRAGMA journal_mode = DELETE;
    CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1000) INSERT INTO parent (name) SELECT 'p' || i FROM k;
    CREATE TABLE big (
      id INTEGER PRIMARY KEY,
      parent_id INTEGER NOT NULL REFERENCES parent (id),
      email TEXT NOT NULL,
      score INTEGER,
      note TEXT
    );
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${rows})
      INSERT INTO big (parent_id, email, score, note) SELECT 1 + i % 1000, 'user' || i || '@example.com', i % 97, hex(randomblob(8)) FROM k;
    CREATE INDEX ix_big_parent ON big (parent_id);
    CREATE UNIQUE INDEX ix_big_email ON big (email);
    CREATE INDEX ix_big_score ON big (score);
  `)
  db.close()
}

const HAND = `PRAGMA foreign_keys = ON;
BEGIN;
PRAGMA defer_foreign_keys = ON;
CREATE TABLE "_new_big" (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER NOT NULL REFERENCES parent (id),
  email TEXT NOT NULL,
  score INTEGER NOT NULL,
  note TEXT
);
INSERT INTO "_new_big" (id, parent_id, email, score, note) SELECT id, parent_id, email, score, note FROM big;
DROP TABLE big;
ALTER TABLE "_new_big" RENAME TO big;
CREATE INDEX ix_big_parent ON big (parent_id);
CREATE UNIQUE INDEX ix_big_email ON big (email);
CREATE INDEX ix_big_score ON big (score);
PRAGMA foreign_key_check(big);
COMMIT;
`

function writeProject() {
  const versions = join(dir, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(
    join(versions, 'r1_not_null.js'),
    [
      "export const revision = 'r1'",
      'export const downRevision = null',
      'export const branchLabels = null',
      'export const dependsOn = null',
      "export async function upgrade(op) { await op.alterColumn('big', 'score', { nullable: false }) }",
      'export async function downgrade() {}',
      '',
    ].join('\n'),
  )
}

function timed(command, argv, input) {
  const started = performance.now()
  const result = spawnSync(command, argv, { input, encoding: 'utf8', cwd: dir })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`)
  return ms
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function check(path) {
  const db = new Database(path, { readonly: true })
  const n = db.prepare('SELECT count(*) AS n FROM big').get().n
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'big'").get().sql
  const indexes = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'big'").get().n
  db.close()
  if (n !== rows || !/"?score"? INTEGER NOT NULL/.test(sql) || indexes !== 3)
    throw new Error(`unexpected result: ${n} rows, ${indexes} indexes, ${sql}`)
}

prepare()
writeProject()
const hand = []
const athanor = []
for (let r = 0; r < runs; r++) {
  const a = join(dir, `hand${r}.db`)
  copyFileSync(seed, a)
  hand.push(timed('sqlite3', [a], HAND))
  check(a)
  rmSync(a)
  const b = join(dir, `athanor${r}.db`)
  copyFileSync(seed, b)
  athanor.push(timed(process.execPath, [cli, 'upgrade', '-d', join(dir, 'migrations'), '--url', `sqlite:///${b}`]))
  check(b)
  rmSync(b)
}
const floor = median(hand)
const ours = median(athanor)
console.log(`rows: ${rows}, runs: ${runs} (medians)`)
console.log(`sqlite3 shell, by hand (floor): ${(floor / 1000).toFixed(2)} s`)
console.log(`athanor upgrade (rebuild):      ${(ours / 1000).toFixed(2)} s`)
console.log(`ratio: ${(ours / floor).toFixed(2)}x (goal <= 1.3x)`)
rmSync(dir, { recursive: true, force: true })
