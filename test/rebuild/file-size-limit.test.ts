// A rebuild that runs out of room (a full disk, a file-size limit) makes
// SQLite roll back the whole transaction, its savepoint with it; undoing
// the savepoint again then failed with "no such savepoint", and that error
// was all the run reported. The real cause is reported now.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { temporaryProjects, versionRows } from '../helpers/project.js'

const projects = temporaryProjects()
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'athanor.js')

test('a rebuild past the file-size limit reports the failed write, and leaves the database as it was', () => {
  const project = projects([
    {
      id: 'r1',
      message: 'items',
      upgrade:
        "  await op.execute('CREATE TABLE items (id INTEGER PRIMARY KEY, v INT, pad TEXT)')\n" +
        "  await op.execute('CREATE TABLE tags (id INTEGER PRIMARY KEY, item_id INT REFERENCES items (id))')",
    },
    {
      id: 'r2',
      down: 'r1',
      message: 'rebuild items',
      upgrade: "  await op.batchAlterTable('items', (batch) => batch.createCheckConstraint('v_nonneg', 'v >= 0'))",
    },
  ])
  const up = (target: string, limitKb?: number) =>
    spawnSync(
      'bash',
      [
        '-c',
        `${limitKb === undefined ? '' : `ulimit -f ${limitKb}; `}exec "$@"`,
        'bash',
        process.execPath,
        CLI,
        'upgrade',
        target,
        ...project.base,
      ],
      {
        encoding: 'utf8',
      },
    )
  assert.equal(up('r1').status, 0)
  const db = new Database(project.dbPath)
  db.transaction(() => {
    const insert = db.prepare('INSERT INTO items (v, pad) VALUES (?, ?)')
    for (let n = 0; n < 40_000; n++) insert.run(n, 'x'.repeat(200))
  })()
  db.close()
  // Room for the file as it is and a little more, not for the copy of the table.
  const limitKb = Math.ceil(statSync(project.dbPath).size / 1024) + 512
  const run = up('r2', limitKb)
  assert.equal(run.status, 1, run.stderr)
  assert.doesNotMatch(run.stderr, /no such savepoint/)
  assert.match(run.stderr, /cannot write SQLite database .*app\.db/)
  assert.deepEqual(versionRows(project.dbPath), ['r1'])
  const after = new Database(project.dbPath, { readonly: true })
  assert.deepEqual(after.prepare('PRAGMA integrity_check').all(), [{ integrity_check: 'ok' }])
  assert.deepEqual(after.prepare('SELECT count(*) AS n FROM items').get(), { n: 40_000 })
  after.close()
  assert.equal(up('r2').status, 0, 'a run with room finishes the job')
})
