// A range type (CREATE TYPE … AS RANGE (…)) is a type columns use, with a
// multirange type made beside it. Before, pull listed it as not represented,
// wrote its columns as col.raw, and migrate refused the models onto a
// database without it (MISSING_TYPE); now pull writes pgRange with its
// options, migrate creates it before its tables, check compares it, and
// the downgrade drops it after them.
// The first type is the manual's (https://www.postgresql.org/docs/current/rangetypes.html#RANGETYPES-DEFINING).
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'
import { useWorkspace } from '../adoption/workspace.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Each range type of the user's with every option, as pg_range and pg_type hold them. */
const ranges = (db: TestDatabase) =>
  db.query(
    `SELECT t.typname AS name, format_type(r.rngsubtype, NULL) AS subtype, oc.opcname AS opclass,
            r.rngcollation::regcollation::text AS collation, r.rngcanonical::regproc::text AS canonical,
            r.rngsubdiff::regproc::text AS diff, r.rngmultitypid::regtype::text AS multirange
       FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_opclass oc ON oc.oid = r.rngsubopc
      WHERE n.nspname = 'public' ORDER BY 1`,
  )

/** What the public schema holds besides the version tables: relations and types of the user's. */
const leftOver = (db: TestDatabase) =>
  db.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname NOT LIKE 'athanor%'
     UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('r', 'm', 'c', 'e', 'd') AND t.typname NOT LIKE 'athanor%'`,
  )

describe('postgresql: range types', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)',
    'CREATE TYPE label_range AS RANGE (subtype = text, subtype_opclass = text_pattern_ops, collation = "C", ' +
      'multirange_type_name = label_spans)',
    'CREATE TABLE spans (id integer PRIMARY KEY, span floatrange, free floatmultirange, labels label_range[])',
    "INSERT INTO spans VALUES (1, '[1.234, 5.678]', '{[1,2), [3,4)}', ARRAY['[a,b)'::label_range])",
  ])

  test('are pulled, made again before their tables, compared, and dropped after them', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.match(printed, /, 2 range types/)
    assert.doesNotMatch(printed, /^ +range type /m, 'not listed as not represented')
    assert.match(models, /export const floatrange = pgRange\('floatrange', \{ subtype: 'double precision', subtypeDiff: 'float8mi' \}\)/)
    const label =
      "pgRange('label_range', { subtype: 'text', subtypeOpclass: 'text_pattern_ops', collation: 'C', multirangeTypeName: 'label_spans' })"
    assert.ok(models.includes(label), models)
    assert.match(models, /span: floatrange\.column\(\)/)
    assert.match(models, /labels: labelRange\.column\(\{ array: true \}\)/)
    assert.match(models, /free: col\.raw\('floatmultirange'\)/)
    assert.deepEqual(await ranges(rebuilt), await ranges(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query("INSERT INTO spans VALUES (1, '[1.234, 5.678]', '{[1,2), [3,4)}', ARRAY['[a,b)'::label_range])")

    // A changed definition would be dropped and made again, which PostgreSQL refuses while a column uses it.
    writeFileSync(ws.models, models.replace("subtypeDiff: 'float8mi' }", "subtypeDiff: 'float8mi', multirangeTypeName: 'floats' }"))
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'renamed']),
      { code: 'TYPE_IN_USE' },
      'range type "floatrange" changed (multirange_type_name floatmultirange -> floats)',
      'column "span" of table "spans", column "free" of table "spans" uses it',
    )
    writeFileSync(ws.models, models)

    // The source itself, stamped at the pulled revision, matches the models as well.
    await cliOk([...ws.base, 'stamp', 'head', '--url', source.url])
    assert.equal((await cli([...ws.base, 'check', '--url', source.url])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await leftOver(rebuilt), [])
    assert.deepEqual(await ranges(rebuilt), [])
  })
})

describe('sqlite: range types', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)

  test('are refused at migrate, naming the type', async () => {
    writeFileSync(
      ws.models,
      `import { col, defineModels, pgRange, table } from 'athanor'
export const floatrange = pgRange('floatrange', { subtype: 'float8' })
export const spans = table('spans', { id: col.integer().primaryKey() })
export default defineModels(floatrange, spans)
`,
    )
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'refused']),
      { code: 'UNSUPPORTED_OPERATION' },
      'the models declare range type "floatrange", which is PostgreSQL only',
    )
  })
})
