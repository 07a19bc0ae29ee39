// PostgreSQL's serial types are CREATE TABLE's shorthand for an integer
// column drawing its default from a sequence it owns, not types: a model's
// `col.raw('bigserial')` read back as a bigint numbered from `t_id_seq`, and
// check wrote `ALTER COLUMN … TYPE bigserial` after every upgrade, which
// PostgreSQL refuses.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { AthanorError } from '../../src/core/errors.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, table } from '../../src/models/index.js'
import type { ColumnBuilder } from '../../src/models/column.js'

const hooks = diffHooksFor('postgresql')
const diff = (read: ColumnBuilder, model: ColumnBuilder) =>
  autogenerate([table('t', { id: col.integer().primaryKey(), c: read })], [table('t', { id: col.integer().primaryKey(), c: model })], {
    hooks,
  })

/** Each serial spelling and the column the catalog reads back for it. */
const SERIALS: readonly (readonly [string, ColumnBuilder])[] = [
  ['smallserial', col.smallint()],
  ['serial2', col.smallint()],
  ['serial', col.integer()],
  ['SERIAL4', col.integer()],
  ['bigserial', col.bigint()],
  ['serial8', col.bigint()],
]

describe('postgresql: a raw serial type', () => {
  test('equals the integer column numbered from the sequence it owns, as the upgrade made it', async () => {
    for (const [spelling, integer] of SERIALS) {
      assert.deepEqual(await diff(integer.notNull().serial('t_c_seq'), col.raw(spelling)), [], spelling)
      // Its table renamed since, the sequence keeps its first name: the models name none.
      assert.deepEqual(await diff(integer.notNull().serial('old_c_seq'), col.raw(spelling)), [], spelling)
    }
  })

  test('keys as its integer type, and never as another one', () => {
    const key = (sql: string) => hooks.typeKey({ name: 'c', type: { kind: 'raw', sql } })
    assert.equal(key('bigserial'), hooks.typeKey({ name: 'c', type: { kind: 'bigint' } }))
    assert.equal(key('serial'), hooks.typeKey({ name: 'c', type: { kind: 'integer' } }))
    assert.equal(key('smallserial'), hooks.typeKey({ name: 'c', type: { kind: 'smallint' } }))
    assert.notEqual(key('serial'), key('bigserial'))
  })

  test('changed to another serial width, alters the column to the integer type, never to a serial one', async () => {
    const ops = await diff(col.bigint().notNull().serial('t_c_seq'), col.raw('serial'))
    assert.equal(ops.length, 1, JSON.stringify(ops))
    const [op] = ops
    assert.ok(op?.kind === 'alter_column' && op.changes.type?.kind === 'integer', JSON.stringify(ops))
    assert.equal(op.changes.numbering, undefined)
  })

  test('on a column that is not numbered from a sequence is refused, naming the column and what to write', async () => {
    for (const read of [col.text(), col.bigint(), col.bigint().identity()]) {
      await assert.rejects(diff(read, col.raw('bigserial')), (error: unknown) => {
        assert.ok(error instanceof AthanorError)
        assert.equal(error.code, 'UNSUPPORTED_OPERATION')
        assert.match(error.message, /column "c" of table "t"/)
        assert.match(error.message, /col\.bigint\(\)\.serial\('t_c_seq'\)/)
        assert.doesNotMatch(error.message, /\n/)
        return true
      })
    }
  })

  test('in a new table or a new column stays the shorthand PostgreSQL makes it from', async () => {
    const made = await autogenerate([], [table('t', { id: col.raw('bigserial').primaryKey() })], { hooks })
    assert.ok(made[0]?.kind === 'create_table' && made[0].table.columns[0]?.type.kind === 'raw', JSON.stringify(made))
    const added = await autogenerate(
      [table('t', { id: col.integer().primaryKey() })],
      [table('t', { id: col.integer().primaryKey(), n: col.raw('serial') })],
      { hooks },
    )
    assert.ok(added[0]?.kind === 'add_column' && added[0].column.type.kind === 'raw', JSON.stringify(added))
  })
})
