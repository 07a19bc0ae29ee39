import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { Operations } from '../../src/ops/operations.js'
import type { BatchAlterTableOp, Operation } from '../../src/ops/operation.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { renderScript } from '../../src/ops/render-script.js'
import { sql, t } from '../../src/schema/column-types.js'
import type { Column } from '../../src/schema/types.js'
import { goldenOps } from './fixtures.js'

/** Set ATHANOR_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change. */
const UPDATE = process.env['ATHANOR_UPDATE_GOLDEN'] === '1'

function assertGolden(name: string, text: string): void {
  const file = fileURLToPath(new URL(`./golden/${name}.txt`, import.meta.url))
  if (UPDATE || !existsSync(file)) writeFileSync(file, text)
  assert.equal(text, readFileSync(file, 'utf8'))
}

const ref = { table: 'users', schema: 'app' } as const

/**
 * Every kind of batch change, with what the fixtures' diff never produces:
 * a schema, `recreate` other than 'auto', unnamed constraints, NULL as a
 * literal default next to dropping a default.
 */
const BATCH: BatchAlterTableOp = {
  kind: 'batch_alter_table',
  ...ref,
  recreate: 'always',
  ops: [
    { kind: 'drop_index', ...ref, name: 'ix_users_nickname', existing: { name: 'ix_users_nickname', columns: ['nickname'] } },
    { kind: 'drop_constraint', ...ref, name: '', type: 'foreignkey', columns: ['org_id'] },
    { kind: 'drop_constraint', ...ref, name: 'uq_users_email', type: 'unique', existing: { name: 'uq_users_email', columns: ['email'] } },
    { kind: 'add_column', ...ref, column: { name: 'note', type: { kind: 'text' }, serverDefault: { kind: 'literal', value: null } } },
    {
      kind: 'add_column',
      ...ref,
      column: { name: 'state', type: { kind: 'string', length: 10 }, nullable: false, serverDefault: { kind: 'literal', value: "it's" } },
    },
    { kind: 'alter_column', ...ref, column: 'email', changes: { nullable: true, serverDefault: null, comment: null, newName: 'mail' } },
    {
      kind: 'alter_column',
      ...ref,
      column: 'bio',
      changes: { serverDefault: { kind: 'literal', value: null } },
      existing: { name: 'bio', type: { kind: 'text' } },
    },
    { kind: 'alter_column', ...ref, column: 'score', changes: { serverDefault: { kind: 'literal', value: 0 } } },
    {
      kind: 'create_index',
      ...ref,
      index: { name: 'ix_users_lower_mail', columns: ['lower(mail)'], unique: true, expressions: true, where: 'mail IS NOT NULL' },
    },
    { kind: 'create_unique_constraint', ...ref, constraint: { columns: ['mail'] } },
    {
      kind: 'create_foreign_key',
      ...ref,
      constraint: {
        columns: ['org_id'],
        referredTable: 'orgs',
        referredSchema: 'core',
        referredColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      },
    },
    {
      kind: 'create_foreign_key',
      ...ref,
      constraint: { name: 'fk_users_team', columns: ['team_id'], referredTable: 'teams', referredColumns: ['id'] },
    },
    { kind: 'create_check_constraint', ...ref, constraint: { expression: 'score >= 0' } },
    { kind: 'create_check_constraint', ...ref, constraint: { name: 'ck_users_state', expression: "state <> ''" } },
    { kind: 'drop_column', ...ref, column: 'nickname', existing: { name: 'nickname', type: { kind: 'string', length: 30 } } },
  ],
}

/**
 * An operation as its rendering says it: the drops without what they know of
 * the dropped thing (only the reverse reads `existing`, and the `op` and
 * `batch` drop methods do not take it), primary key columns without the
 * `nullable: false` their key implies.
 */
function asRendered<O extends Operation>(op: O): O {
  if (op.kind === 'batch_alter_table') return { ...op, ops: op.ops.map(asRendered) }
  if (op.kind === 'create_table') return { ...op, table: { ...op.table, columns: op.table.columns.map(keyImplied) } }
  if (op.kind === 'add_column') return { ...op, column: keyImplied(op.column) }
  if (op.kind !== 'drop_table' && op.kind !== 'drop_column' && op.kind !== 'drop_index' && op.kind !== 'drop_constraint') return op
  const { existing: _existing, ...rest } = op
  return rest as O
}

function keyImplied(column: Column): Column {
  if (column.primaryKey !== true || column.nullable !== false) return column
  const { nullable: _nullable, ...rest } = column
  return rest
}

/** Runs rendered `op` calls against a facade that records the operations it is given. */
async function replay(text: string): Promise<Operation[]> {
  const ran: Operation[] = []
  const sink = { dialect: 'sqlite' as const, offline: true, run: async (op: Operation) => void ran.push(op), query: async () => [] }
  const op = new Operations(sink, { revision: 'r', direction: 'upgrade', x: {} })
  const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>
  await new AsyncFunction('op', 't', 'sql', text)(op, t, sql)
  await op.settle()
  return ran
}

describe('rendered scripts (golden files)', () => {
  for (const dialect of ['sqlite', 'postgresql'] as const) {
    it(`${dialect}: upgrade and downgrade bodies`, async () => {
      const { imports, upgrades, downgrades } = renderScript(await goldenOps(dialect))
      const text = `${imports.trim()}\n\n// upgrade\n${upgrades}\n\n// downgrade\n${downgrades}\n`
      assertGolden(dialect, text)
    })
  }

  it('a batch with every kind of change', () => {
    assertGolden('batch', `${renderOperation(BATCH, { names: new Set() })}\n`)
  })

  it('a rendered batch runs the operations it was rendered from', async () => {
    assert.deepEqual(await replay(renderOperation(BATCH, { names: new Set() })), [asRendered(BATCH)])
  })

  it('rendered golden scripts run the operations they were rendered from', async () => {
    for (const dialect of ['sqlite', 'postgresql'] as const) {
      const ops = await goldenOps(dialect)
      assert.deepEqual(await replay(renderScript(ops).upgrades), ops.map(asRendered), dialect)
    }
  })
})
