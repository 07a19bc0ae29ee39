// A SQLite database adopted with an empty first revision: its tables were never made by a migration, so lint
// starts the offline rendering from what the database holds rather than replaying the scripts from base.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { lintProject } from '../../src/lint/lint-project.js'
import { cliOk } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'

const projects = temporaryProjects()

const ADOPTED = [
  'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)',
  'CREATE INDEX ix_users_name ON users (name)',
  'CREATE VIEW v_users AS SELECT id, name FROM users',
  'CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT)',
  "CREATE TRIGGER tr_users_audit AFTER INSERT ON users BEGIN INSERT INTO audit (note) VALUES ('added'); END",
  'CREATE VIRTUAL TABLE notes_search USING fts5(body)',
  "INSERT INTO users VALUES (1, 'ada', 'ada@example.com')",
]

const CHANGE = [
  "  await op.dropView('v_users')",
  "  await op.batchAlterTable('users', (batch) => { batch.alterColumn('email', { nullable: false, existing: { type: 'text' } }) })",
  "  await op.createView('v_users', 'SELECT id, name, email FROM users')",
].join('\n')

function adoptedProject() {
  const project = projects([
    { id: 'r1', ext: 'js', message: 'baseline', upgrade: '', downgrade: '' },
    { id: 'r2', down: 'r1', ext: 'js', message: 'email required', upgrade: CHANGE, downgrade: '' },
  ])
  const db = new Database(project.dbPath)
  for (const sql of ADOPTED) db.exec(sql)
  db.close()
  return project
}

test('lint of a rebuild on a database stamped at an empty baseline renders it from the tables the database holds', async () => {
  const project = adoptedProject()
  await cliOk([...project.base, 'stamp', 'r1'])
  const report = await lintProject({ directory: project.migrations, url: project.url })
  assert.deepEqual(report.databases[0]?.revisions, ['r2'])
  assert.equal(report.databases[0]?.connected, true)
  // One row: under the rebuild rule's threshold, and nothing else to flag.
  assert.deepEqual(report.findings, [])
})

test('a range that does not start where the database is still replays the scripts, and says what it could not render', async () => {
  const project = adoptedProject()
  await cliOk([...project.base, 'stamp', 'r1'])
  await assert.rejects(
    lintProject({ directory: project.migrations, url: project.url, range: 'base:r2' }),
    /cannot write the rebuild of table "users" offline/,
  )
})
