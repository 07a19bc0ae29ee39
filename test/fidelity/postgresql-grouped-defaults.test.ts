// A column default whose expression has an operator PostgreSQL's DEFAULT
// clause refuses bare (AT TIME ZONE, AND, IS NULL): the catalog prints it
// without the parentheses it was written with, pull kept that text, and
// the rebuilt CREATE TABLE failed at upgrade with a syntax error. The
// compiler now puts such a default in parentheses.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'

const defaults =
  'SELECT attname AS name, pg_get_expr(adbin, adrelid) AS expr FROM pg_attrdef ' +
  "JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum WHERE adrelid = 't'::regclass ORDER BY attnum"

describe('postgresql: defaults with operators a DEFAULT clause takes only in parentheses', () => {
  const project = usePulledProject('postgresql', [
    "CREATE TABLE t (id int, at timestamp DEFAULT (now() AT TIME ZONE 'utc'), " +
      "coin boolean DEFAULT (true AND random() > 0.5), never boolean DEFAULT (NULL IS NULL), kind text DEFAULT 'a'::text)",
  ])

  test('are rebuilt, their catalog text the same as the source, and check is clean', async () => {
    const { source, rebuilt, ws } = project()
    await pullAndRebuild(project())
    assert.deepEqual(await rebuilt.query(defaults), await source.query(defaults))
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })

  test('the compiler groups only what needs it', () => {
    const column = (sql: string) =>
      postgresCompiler.compileSql(
        { kind: 'add_column', table: 't', column: { name: 'c', type: { kind: 'text' }, serverDefault: { kind: 'expression', sql } } },
        'offline',
      )[0]!.sql
    assert.equal(column("now() AT TIME ZONE 'utc'"), `ALTER TABLE "t" ADD COLUMN "c" TEXT DEFAULT (now() AT TIME ZONE 'utc')`)
    assert.equal(column("'and or'::character varying"), `ALTER TABLE "t" ADD COLUMN "c" TEXT DEFAULT 'and or'::character varying`)
    assert.equal(column('lower(x IS NULL)'), 'ALTER TABLE "t" ADD COLUMN "c" TEXT DEFAULT lower(x IS NULL)')
  })
})
