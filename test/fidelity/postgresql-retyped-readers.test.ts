// PostgreSQL refuses to change the type of a column that a generated
// column, a policy or a trigger reads: a migration retyping one failed at
// upgrade ("cannot alter type of a column used by a generated column", "…
// in a policy definition", "… in a trigger definition"). They are now
// dropped before the change and made again after it, both ways.
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
