// Differences no operation makes safely are notes the author acts on, and check reports them: never no change.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, table } from '../../src/models/index.js'

// A primary key moved to other columns used to be no change at all: check was clean on a table that differs.
for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
  test(`${dialect}: a primary key on other columns is a note, never passed over`, async () => {
    const hooks = diffHooksFor(dialect)
    const before = table('t', { id: col.integer().primaryKey(), k: col.integer().notNull() })
    const after = table('t', { id: col.integer().notNull(), k: col.integer().notNull() }, { primaryKey: { columns: ['id', 'k'] } })
    const ops = await autogenerate([before], [after], { hooks })
    const notes = ops.filter((op) => op.kind === 'execute')
    assert.equal(notes.length, 1, JSON.stringify(ops))
    assert.match(
      notes[0]?.kind === 'execute' ? String(notes[0].sql) : '',
      /^-- table t: primary key \(id\) -> \(id, k\)\. Write the change here by hand/,
    )
    assert.deepEqual(await autogenerate([before], [before], { hooks }), [])
  })
}

test('postgresql: a SERIAL column drawing from another sequence than the models name is a note', async () => {
  const hooks = diffHooksFor('postgresql')
  const named = (sequence: string) => table('b', { id: col.integer().primaryKey().serial(sequence) })
  const ops = await autogenerate([named('a_id_seq')], [named('b_id_seq')], { hooks })
  assert.equal(ops.length, 1)
  assert.match(
    ops[0]?.kind === 'execute' ? String(ops[0].sql) : '',
    /^-- column b\.id: draws from sequence a_id_seq, the models name b_id_seq/,
  )
  assert.deepEqual(await autogenerate([named('a_id_seq')], [named('a_id_seq')], { hooks }), [])
})
