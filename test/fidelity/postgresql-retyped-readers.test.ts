// PostgreSQL refuses to change the type of a column that a generated
// column, a policy or a trigger reads: a migration retyping one failed at
// upgrade ("cannot alter type of a column used by a generated column", "…
// in a policy definition", "… in a trigger definition"). They are now
// dropped before the change and made again after it, both ways. So are the
// checks and partial indexes over a column moved to another family of types
// (text to an enum): PostgreSQL rewrote them for the new type and stopped at
// an operator it lacks ("operator does not exist: job_state = text").
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'
const readers =
  "SELECT (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'qty') AS qty, " +
  "(SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 't'::regclass) AS total, " +
  "(SELECT pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polname = 'positive') AS policy, " +
  "(SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'qty_changed') AS trig"

describe('postgresql: a retyped column that a generated column, a policy and a trigger read', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE t (id int PRIMARY KEY, qty int, price numeric, total numeric GENERATED ALWAYS AS (price * qty) STORED)',
    'ALTER TABLE t ENABLE ROW LEVEL SECURITY',
    'CREATE POLICY positive ON t USING (qty > 0)',
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
    'CREATE TRIGGER qty_changed BEFORE UPDATE OF qty ON t FOR EACH ROW WHEN (NEW.qty > 0) EXECUTE FUNCTION touch()',
  ])

  test('changes type with them dropped before and made again after, rows kept, and back', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    await rebuilt.query('INSERT INTO t VALUES (1, 3, 2.5)')
    const before = await rebuilt.query(readers)
    writeFileSync(ws.models, models.replace('qty: col.integer()', 'qty: col.bigint()'))
    await cliOk([...ws.base, 'migrate', '-m', 'wider'])
    await cliOk([...ws.base, 'upgrade'])
    const [after] = await rebuilt.query(readers)
    assert.equal(after?.['qty'], 'bigint')
    assert.deepEqual({ ...after, qty: 'integer' }, before[0])
    assert.deepEqual(await rebuilt.query('SELECT id, qty, total FROM t'), [{ id: 1, qty: 3, total: '7.5' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query(readers), before)
    assert.deepEqual(await rebuilt.query('SELECT id, qty, total FROM t'), [{ id: 1, qty: 3, total: '7.5' }])
  })
})

describe('postgresql: a column moved between text and an enum under a check and a partial index', () => {
  const project = usePulledProject('postgresql', [
    "CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL DEFAULT 'queued', " +
      "CONSTRAINT state_known CHECK (state IN ('queued', 'done')))",
    "CREATE INDEX jobs_queued ON jobs (id) WHERE state = 'queued'",
  ])
  const asEnum = [
    "import { check, col, defineModels, index, pgEnum, table } from 'athanor'",
    "export const jobState = pgEnum('job_state', ['queued', 'done'])",
    "export const jobs = table('jobs', { id: col.integer().primaryKey(), state: jobState.column().notNull().default('queued') }, {",
    `  indexes: [index(['id'], { name: 'jobs_queued', where: "state = 'queued'" })],`,
    `  checks: [check('state_known', "state IN ('queued', 'done')")],`,
    '})',
    'export default defineModels(jobState, jobs)',
  ].join('\n')

  test('makes them again around the change, both ways, rows kept', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    await rebuilt.query("INSERT INTO jobs VALUES (1, 'queued'), (2, 'done')")
    writeFileSync(ws.models, asEnum)
    await cliOk([...ws.base, 'migrate', '-m', 'enum'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await assert.rejects(rebuilt.query("INSERT INTO jobs VALUES (3, 'lost')"))
    // And back to text, by a migration of its own.
    writeFileSync(ws.models, models.replace("'(state = \\'queued\\'::text)'", `"state = 'queued'"`))
    await cliOk([...ws.base, 'migrate', '-m', 'text'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-2'])
    assert.deepEqual(await rebuilt.query('SELECT id, state FROM jobs ORDER BY id'), [
      { id: 1, state: 'queued' },
      { id: 2, state: 'done' },
    ])
  })
})
