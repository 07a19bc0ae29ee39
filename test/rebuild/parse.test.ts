import assert from 'node:assert/strict'
import { test } from 'node:test'
import { conventionalName, DEFAULT_NAMING_CONVENTION } from '../../src/schema/naming-convention.js'
import { parseCreateTable } from '../../src/dialect/sqlite/rebuild/parse-create-table.js'
import { planRebuild } from '../../src/dialect/sqlite/rebuild/plan.js'

test('a CREATE TABLE is cut into columns, clauses and table constraints, each as written', () => {
  const def = parseCreateTable(`CREATE TABLE IF NOT EXISTS "we""ird" (
    id INTEGER PRIMARY KEY AUTOINCREMENT, -- the key
    [org id] INT CONSTRAINT fk_org REFERENCES org (id) ON DELETE SET NULL NOT DEFERRABLE NOT NULL,
    name VARCHAR(20) COLLATE NOCASE DEFAULT 'a, b' CHECK (length(name) > 0),
    total AS (id * 2) STORED,
    CONSTRAINT uq UNIQUE (name COLLATE NOCASE DESC, \`org id\`),
    FOREIGN KEY (id) REFERENCES other ON UPDATE CASCADE,
    CHECK (id <> 0)
  ) STRICT`)
  assert.equal(def.name, 'we"ird')
  assert.equal(def.options, 'STRICT')
  assert.deepEqual(
    def.columns.map((c) => [c.name, c.type, c.clauses.map((k) => k.kind)]),
    [
      ['id', 'INTEGER', ['primary']],
      ['org id', 'INT', ['references', 'notnull']],
      ['name', 'VARCHAR(20)', ['collate', 'default', 'check']],
      ['total', '', ['generated']],
    ],
  )
  assert.equal(def.columns[1]!.clauses[0]!.name, 'fk_org')
  assert.equal(def.columns[1]!.clauses[0]!.text, 'CONSTRAINT fk_org REFERENCES org (id) ON DELETE SET NULL NOT DEFERRABLE')
  assert.deepEqual(
    def.constraints.map((c) => [c.kind, c.name, c.columns, c.referredTable, c.onUpdate, c.expression]),
    [
      ['unique', 'uq', ['name', 'org id'], undefined, undefined, undefined],
      ['foreign', undefined, ['id'], 'other', 'CASCADE', undefined],
      ['check', undefined, [], undefined, undefined, 'id <> 0'],
    ],
  )
})

test('the naming convention names unnamed constraints as SQLAlchemy does', () => {
  assert.equal(
    conventionalName({ kind: 'foreign', table: 'order', columns: ['user_id'], referredTable: 'user' }, DEFAULT_NAMING_CONVENTION),
    'fk_order_user_id_user',
  )
  assert.equal(
    conventionalName({ kind: 'unique', table: 't', columns: ['a', 'b'] }, { uq: 'uq_%(table_name)s_%(column_0_N_name)s' }),
    'uq_t_a_b',
  )
  assert.equal(conventionalName({ kind: 'check', table: 't', columns: [] }, DEFAULT_NAMING_CONVENTION), undefined)
})

test('renames run first, and earlier changes in the batch follow the new name', () => {
  const plan = planRebuild({
    kind: 'batch_alter_table',
    table: 't',
    recreate: 'auto',
    ops: [
      { kind: 'create_unique_constraint', table: 't', constraint: { columns: ['a'] } },
      { kind: 'alter_column', table: 't', column: 'a', changes: { newName: 'b', nullable: false } },
    ],
  })
  assert.deepEqual(plan.renames, [{ from: 'a', to: 'b' }])
  assert.deepEqual(plan.ops, [
    { kind: 'create_unique_constraint', table: 't', constraint: { columns: ['b'] } },
    { kind: 'alter_column', table: 't', column: 'b', changes: { nullable: false } },
  ])
})
