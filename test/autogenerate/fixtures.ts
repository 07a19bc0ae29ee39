import { diffHooksFor } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import type { DialectName } from '../../src/dialect/types.js'
import { col, foreignKey, check, index, table, unique } from '../../src/models/index.js'
import { sql } from '../../src/schema/column-types.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Table } from '../../src/schema/types.js'

/** The database as it is: what the golden scripts change. */
export const BEFORE: readonly Table[] = [
  table(
    'users',
    {
      id: col.integer().primaryKey().autoincrement(),
      email: col.string(100).notNull(),
      nickname: col.string(30),
    },
    { indexes: [index(['nickname'])] },
  ),
  table('legacy_log', { id: col.integer().primaryKey(), line: col.text() }),
]

/** The models: a new table with every kind of piece, changed columns, a dropped table. */
export const AFTER: readonly Table[] = [
  table('users', {
    id: col.integer().primaryKey().autoincrement(),
    email: col.string(200).notNull().unique(),
    created_at: col.timestamp({ withTimeZone: true }).notNull().default(sql('now()')),
    active: col.boolean().notNull().default(true),
  }),
  table(
    'orders',
    {
      id: col.bigint().primaryKey().autoincrement(),
      user_id: col.integer().notNull().references('users', { onDelete: 'CASCADE' }),
      status: col.enum(['new', 'paid', 'shipped']).notNull().default('new'),
      total: col.numeric(12, 2).notNull().default(0),
      note: col.text().comment("what the customer wrote, as 'written'"),
    },
    {
      indexes: [index(['user_id', 'status'])],
      uniques: [unique(['user_id', 'id'])],
      checks: [check('ck_orders_total_positive', 'total >= 0')],
      comment: 'one row per checkout',
    },
  ),
  table(
    'order_lines',
    {
      order_id: col.bigint().notNull(),
      line_no: col.smallint().notNull(),
      sku: col.string(40).notNull(),
      meta: col.json(),
    },
    {
      primaryKey: { columns: ['order_id', 'line_no'] },
      foreignKeys: [foreignKey(['order_id'], 'orders', ['id'], { onDelete: 'CASCADE' })],
    },
  ),
]

/** The golden operations for a dialect. */
export function goldenOps(dialect: DialectName): Promise<Operation[]> {
  return autogenerate(BEFORE, AFTER, { hooks: diffHooksFor(dialect) })
}
