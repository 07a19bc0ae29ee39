import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed } from '../../src/dialect/registry.js'
import { onlineForms, tableKey } from '../../src/diff/online-forms.js'
import type { Operation } from '../../src/ops/operation.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { reverseOperation, reverseOperations } from '../../src/ops/reverse.js'

const sqlOf = (dialect: string, op: Operation) => {
  const compiled = dialectNamed(dialect).compiler.compile(op, 'offline')
  return compiled.kind === 'sql' ? compiled.statements.map((statement) => statement.sql) : []
}

const fk = { name: 'fk_orders_user', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] }

describe('onlineForms: the lock-free forms of changes to tables in use', () => {
  test('existing tables get guarded CONCURRENTLY, NOT VALID then VALIDATE and the safe NOT NULL, outside a transaction', () => {
    const { ops, transactional } = onlineForms([
      { kind: 'create_index', table: 'orders', index: { name: 'ix_orders_user', columns: ['user_id'] } },
      { kind: 'drop_index', table: 'orders', name: 'ix_old' },
      { kind: 'create_foreign_key', table: 'orders', schema: 'shop', constraint: fk },
      { kind: 'create_check_constraint', table: 'orders', constraint: { name: 'ck_total', expression: 'total >= 0' } },
      { kind: 'alter_column', table: 'orders', column: 'note', changes: { nullable: false } },
      { kind: 'alter_column', table: 'orders', column: 'note2', changes: { nullable: true } },
    ])
    assert.equal(transactional, false)
    assert.deepEqual(ops, [
      {
        kind: 'create_index',
        table: 'orders',
        index: { name: 'ix_orders_user', columns: ['user_id'] },
        concurrently: true,
        ifNotExists: true,
      },
      { kind: 'drop_index', table: 'orders', name: 'ix_old', concurrently: true, ifExists: true },
      { kind: 'create_foreign_key', table: 'orders', schema: 'shop', constraint: fk, notValid: true, ifNotExists: true },
      { kind: 'validate_constraint', table: 'orders', schema: 'shop', name: 'fk_orders_user' },
      {
        kind: 'create_check_constraint',
        table: 'orders',
        constraint: { name: 'ck_total', expression: 'total >= 0' },
        notValid: true,
        orReplace: true,
      },
      { kind: 'validate_constraint', table: 'orders', name: 'ck_total' },
      { kind: 'alter_column', table: 'orders', column: 'note', changes: { nullable: false }, safe: true },
      { kind: 'alter_column', table: 'orders', column: 'note2', changes: { nullable: true } },
    ])
  })

  test('a table the migration creates, and an unnamed constraint, keep the plain forms; nothing rewritten stays transactional', () => {
    const given: Operation[] = [
      { kind: 'create_table', table: { name: 'tags', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] } },
      { kind: 'create_index', table: 'tags', index: { name: 'ix_tags_id', columns: ['id'] } },
      { kind: 'create_foreign_key', table: 'orders', constraint: { ...fk, name: undefined } },
    ]
    assert.deepEqual(onlineForms(given), { ops: given, transactional: true })
  })

  test('a partitioned table keeps the plain forms: PostgreSQL builds no index on it CONCURRENTLY', () => {
    const given: Operation[] = [
      { kind: 'create_index', table: 'measurement', index: { name: 'ix_measurement_city', columns: ['city_id'] } },
      { kind: 'create_foreign_key', table: 'measurement', schema: 'shop', constraint: fk },
    ]
    assert.deepEqual(onlineForms(given, new Set([tableKey('measurement', undefined), tableKey('measurement', 'shop')])), {
      ops: given,
      transactional: true,
    })
    assert.equal(onlineForms(given, new Set([tableKey('measurement', 'other')])).transactional, false)
  })

  test('IF NOT EXISTS and IF EXISTS: compiled after CONCURRENTLY on PostgreSQL, kept by the reverse, rendered as options', () => {
    const create: Operation = {
      kind: 'create_index',
      table: 't',
      index: { name: 'ix', columns: ['a'] },
      concurrently: true,
      ifNotExists: true,
    }
    assert.deepEqual(sqlOf('postgresql', create), ['CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix" ON "t" ("a")'])
    assert.deepEqual(sqlOf('sqlite', create), ['CREATE INDEX IF NOT EXISTS "ix" ON "t" ("a")'])
    const drop = reverseOperation(create)
    assert.deepEqual(sqlOf('postgresql', drop), ['DROP INDEX CONCURRENTLY IF EXISTS "ix"'])
    assert.deepEqual(sqlOf('mysql', drop), ['DROP INDEX IF EXISTS `ix` ON `t`'])
    const online: Operation = { kind: 'drop_index', table: 't', name: 'ix', ifExists: true, lock: 'NONE' }
    assert.deepEqual(sqlOf('mysql', online), ['ALTER TABLE `t` DROP INDEX IF EXISTS `ix`, LOCK=NONE'])
    assert.equal(
      renderOperation(create, { names: new Set() }),
      "await op.createIndex('ix', 't', ['a'], { concurrently: true, ifNotExists: true })",
    )
    assert.equal(
      renderOperation(drop, { names: new Set() }),
      "await op.dropIndex('ix', { table: 't', concurrently: true, ifExists: true })",
    )
  })

  test('a routine dropped and created again keeps every operation plain and the script transactional, naming what it kept', () => {
    const routine = { name: 'twice', routineKind: 'function' as const, definition: 'CREATE FUNCTION twice(b int) RETURNS int …' }
    const index: Operation = {
      kind: 'create_index',
      table: 'orders',
      index: { name: 'ix_twice', columns: ['twice(qty)'], expressions: true },
    }
    const check: Operation = {
      kind: 'create_check_constraint',
      table: 'orders',
      constraint: { name: 'ck_twice', expression: 'twice(qty) < 9' },
    }
    const dropIndex: Operation = { kind: 'drop_index', table: 'orders', name: 'ix_twice' }
    const given: Operation[] = [
      dropIndex,
      { kind: 'drop_routine', name: 'twice', routineKind: 'function', arguments: 'integer' },
      { kind: 'create_routine', routine },
      check,
      index,
    ]
    const online = onlineForms(given)
    assert.deepEqual(online.ops, given)
    assert.equal(online.transactional, true)
    assert.deepEqual(online.keptPlain?.routines, ['twice'])
    assert.deepEqual(
      [...(online.keptPlain?.ops ?? new Map())],
      [
        [dropIndex, ['drop-index-blocking']],
        [check, ['add-check-constraint']],
        [index, ['create-index-blocking', 'long-after-exclusive-lock']],
      ],
    )
    // A routine only created, or only dropped, changes nothing of the rule.
    assert.equal(onlineForms([{ kind: 'create_routine', routine }, index]).transactional, false)
    assert.equal(onlineForms([{ kind: 'create_routine', routine }, index]).keptPlain, undefined)
  })

  test('a migration that drops a policy to make it again keeps its plain forms, in one transaction', () => {
    const index: Operation = { kind: 'create_index', table: 'docs', index: { name: 'ix_docs_owner', columns: ['owner'] } }
    const was = { name: 'in_org', restrictive: true, using: 'org = 1' } as const
    const drop: Operation = { kind: 'drop_policy', table: 'docs', name: 'in_org', existing: was }
    const create: Operation = { kind: 'create_policy', table: 'docs', policy: { ...was, using: 'org = 2' } }
    const online = onlineForms([drop, index, create])
    assert.deepEqual(online.ops, [drop, index, create])
    assert.equal(online.transactional, true)
    assert.deepEqual(online.keptPlain?.policies, ['in_org'])
    const exclusion = { name: 'no_overlap', definition: 'EXCLUDE USING gist (during WITH &&)' }
    const again: Operation[] = [
      { kind: 'drop_exclusion', table: 'docs', name: 'no_overlap', existing: exclusion },
      index,
      { kind: 'create_exclusion', table: 'docs', exclusion: { ...exclusion, definition: 'EXCLUDE USING gist (during WITH -|-)' } },
    ]
    assert.deepEqual(onlineForms(again).keptPlain?.exclusions, ['no_overlap'])
    // A policy only dropped, or one dropped on another table than the one made, changes nothing of the rule.
    assert.equal(onlineForms([drop, index]).transactional, false)
    assert.equal(onlineForms([drop, index, { ...create, table: 'notes' }]).transactional, false)
  })

  test('a view dropped and made again outside a transaction is guarded, its downgrade too, a materialized one alike', () => {
    const was = { name: 'pricey', definition: 'SELECT id FROM orders WHERE total > 50' }
    const now = { name: 'pricey', definition: 'SELECT id FROM orders WHERE total > 60' }
    const { ops, transactional } = onlineForms([
      { kind: 'drop_view', name: 'pricey', existing: was },
      { kind: 'create_check_constraint', table: 'orders', constraint: { name: 'ck_total', expression: 'total >= 0' } },
      { kind: 'create_view', view: now },
      { kind: 'create_view', view: { name: 'totals', definition: 'SELECT sum(total) FROM orders', materialized: true } },
    ])
    assert.equal(transactional, false)
    assert.deepEqual(ops[0], { kind: 'drop_view', name: 'pricey', existing: was, ifExists: true })
    assert.deepEqual(ops[3], { kind: 'create_view', view: now, orReplace: true })
    const totals = { name: 'totals', definition: 'SELECT sum(total) FROM orders', materialized: true }
    assert.deepEqual(ops[4], { kind: 'create_view', view: totals, orReplace: true })
    const back = reverseOperations(ops)
    assert.deepEqual(back[0], { kind: 'drop_view', name: 'totals', materialized: true, ifExists: true, existing: totals })
    assert.deepEqual(back[1], { kind: 'drop_view', name: 'pricey', ifExists: true, existing: now })
    assert.deepEqual(back.at(-1), { kind: 'create_view', view: was, orReplace: true })
    // Without a lock-free form to write, the script stays transactional and its views as they were.
    assert.deepEqual(onlineForms([{ kind: 'drop_view', name: 'pricey', existing: was }]).ops, [
      { kind: 'drop_view', name: 'pricey', existing: was },
    ])
  })

  test('the downgrade of a check added NOT VALID then validated drops it, with no VALIDATE before', () => {
    const { ops } = onlineForms([
      { kind: 'create_check_constraint', table: 'orders', constraint: { name: 'ck_total', expression: 'total >= 0' } },
    ])
    assert.deepEqual(reverseOperations(ops), [
      {
        kind: 'drop_constraint',
        table: 'orders',
        name: 'ck_total',
        type: 'check',
        ifExists: true,
        existing: { name: 'ck_total', expression: 'total >= 0' },
      },
    ])
    // A VALIDATE of a constraint the migration does not add stays its own reverse.
    const validate: Operation = { kind: 'validate_constraint', table: 'orders', name: 'fk_orders_user' }
    assert.deepEqual(reverseOperations([validate]), [validate])
  })
})
