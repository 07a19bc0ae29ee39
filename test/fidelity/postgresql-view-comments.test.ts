// A view's comment (COMMENT ON [MATERIALIZED] VIEW) documents it where the
// database's users read it. Before, it was listed as not represented and the
// rebuilt view had none; now pull writes it, migrate makes it after the
// view, check compares it, and a change sets it alone, the view kept.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { view } from '../../src/models/view.js'
import { diffViews } from '../../src/diff/views.js'

const CLEAN = 'No new upgrade operations detected.\n'

const comments = (db: TestDatabase) =>
  db.query(
    "SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c " +
      "WHERE c.relkind IN ('v', 'm') AND c.relnamespace = 'public'::regnamespace ORDER BY 1",
  )

describe('postgresql: a view comment', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE users (id integer PRIMARY KEY, active boolean NOT NULL)',
    'CREATE VIEW active_users AS SELECT id FROM users WHERE active',
    "COMMENT ON VIEW active_users IS 'who may sign in'",
    'CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users',
    "COMMENT ON MATERIALIZED VIEW user_count IS 'refreshed nightly; it''s approximate'",
  ])

  test('is pulled, made again, compared, and changed alone, the view kept', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.doesNotMatch(printed, /comment on/)
    assert.match(models, /comment: 'who may sign in'/)
    assert.deepEqual(await comments(rebuilt), await comments(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    const oid = async () => rebuilt.query("SELECT 'active_users'::regclass::oid::text AS oid")
    const before = await oid()
    writeFileSync(ws.models, models.replace("comment: 'who may sign in'", "comment: 'who may sign in today'"))
    await cliOk([...ws.base, 'migrate', '-m', 'comment'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_comment.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /await op\.setViewComment\('active_users', 'who may sign in today', \{ existing: 'who may sign in' \}\)/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await oid(), before, 'the view was made again, not commented')
    assert.equal((await comments(rebuilt))[0]?.['comment'], 'who may sign in today')
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await comments(rebuilt), await comments(source))
    writeFileSync(ws.models, models)
  })
})

describe('a view comment, compared', () => {
  test('an empty one is none, as PostgreSQL keeps it', async () => {
    const plain = { name: 'reports', definition: 'SELECT 1 AS n' }
    const same = async () => [plain.definition]
    assert.deepEqual(await diffViews([plain], [{ ...plain, comment: '' }], [], same), { before: [], after: [] })
    assert.equal(view('reports', 'SELECT 1', { comment: '' }).comment, undefined)
  })
})

describe('a view comment, as SQL', () => {
  test('follows CREATE VIEW on PostgreSQL and is refused, naming the view, where views take none', () => {
    const reports = view('reports', 'SELECT 1 AS n', { materialized: true, comment: "Ann's" })
    assert.deepEqual(
      postgresCompiler.compileSql({ kind: 'create_view', view: reports }, 'offline').map((s) => s.sql),
      ['CREATE MATERIALIZED VIEW "reports" AS SELECT 1 AS n', `COMMENT ON MATERIALIZED VIEW "reports" IS 'Ann''s'`],
    )
    assert.throws(
      () => mysqlCompiler.compileSql({ kind: 'create_view', view: { ...reports, materialized: false } }, 'offline'),
      /view "reports": mysql has no comments on views/,
    )
    assert.deepEqual(
      postgresCompiler.compileSql({ kind: 'set_view_comment', name: 'reports', comment: null, existing: "Ann's" }, 'offline'),
      [{ sql: 'COMMENT ON VIEW "reports" IS NULL' }],
    )
  })
})
