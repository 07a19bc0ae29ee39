// An added column's place (MySQL's FIRST and AFTER): written after the
// column's definition and before ALGORITHM, ignored where a database always
// adds last, carried through reverse so a downgrade puts a column back, and
// refused when it names two places.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { Operations } from '../../src/ops/operations.js'
import type { Operation } from '../../src/ops/operation.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { reverseOperation } from '../../src/ops/reverse.js'

const sqlOf = (dialect: 'mysql' | 'postgresql' | 'sqlite', op: Operation) =>
  dialectNamed(dialect)
    .compiler.compileSql(op, 'offline')
    .map((statement) => statement.sql)

describe('a column added in its place', () => {
  const after: Operation = { kind: 'add_column', table: 'users', column: { name: 'bio', type: { kind: 'text' } }, after: 'name' }
  const first: Operation = { kind: 'add_column', table: 'users', column: { name: 'tenant', type: { kind: 'integer' } }, first: true }

  test('MySQL writes AFTER or FIRST before ALGORITHM; PostgreSQL and SQLite add it last', () => {
    assert.deepEqual(sqlOf('mysql', after), ['ALTER TABLE `users` ADD COLUMN `bio` TEXT AFTER `name`'])
    assert.deepEqual(sqlOf('mysql', { ...first, algorithm: 'INSTANT' }), [
      'ALTER TABLE `users` ADD COLUMN `tenant` INT FIRST, ALGORITHM=INSTANT',
    ])
    assert.deepEqual(sqlOf('mysql', { ...after, after: 'odd`name' }), ['ALTER TABLE `users` ADD COLUMN `bio` TEXT AFTER `odd``name`'])
    assert.deepEqual(sqlOf('postgresql', after), ['ALTER TABLE "users" ADD COLUMN "bio" TEXT'])
    assert.deepEqual(sqlOf('sqlite', first), ['ALTER TABLE "users" ADD COLUMN "tenant" INTEGER'])
  })

  test('a script says it, and the reverse of the reverse puts the column back in the same place', () => {
    assert.match(renderOperation(after, { names: new Set() }), /\{ after: 'name' \}\)$/)
    assert.match(renderOperation(first, { names: new Set() }), /\{ first: true \}\)$/)
    const drop = reverseOperation(after)
    assert.deepEqual(drop, { kind: 'drop_column', table: 'users', column: 'bio', existing: after.column, existingPlace: { after: 'name' } })
    assert.deepEqual(reverseOperation(drop), after)
    assert.deepEqual(reverseOperation(reverseOperation({ ...first, kind: 'add_column' })), first)
  })

  test('op.addColumn takes the place, and refuses two', async () => {
    const ran: Operation[] = []
    const sink = { dialect: 'mysql' as const, offline: true, run: async (op: Operation) => void ran.push(op), query: async () => [] }
    const op = new Operations(sink, { revision: 'r', direction: 'upgrade', x: {} })
    await op.addColumn('users', { name: 'bio', type: 'text' }, { after: 'name' })
    assert.deepEqual(ran, [after])
    await assert.rejects(
      async () => op.addColumn('users', { name: 'bio', type: 'text' }, { after: 'name', first: true }),
      (error) =>
        isAthanorError(error, 'INVALID_ARGUMENT') &&
        error.message === `op.addColumn('users', …): column "bio" goes either first or after "name", not both`,
    )
  })
})
