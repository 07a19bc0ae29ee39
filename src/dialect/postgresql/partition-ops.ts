import type { Handler, Handlers } from '../default/context.js'
import type { Partition } from '../../schema/partitioning.js'

type PartitionKind = 'create_partition' | 'drop_partition' | 'change_partition_bounds'
type Context = Parameters<Handler<'create_partition'>>[1]

const qualified = (ctx: Context, name: string, schema: string | undefined) =>
  ctx.quoteTable(schema === undefined ? { table: name } : { table: name, schema })

const parentOf = (ctx: Context, partition: Partition) => qualified(ctx, partition.parent, partition.parentSchema ?? partition.schema)

/**
 * PostgreSQL's statements for partitions. A partition is detached before it
 * is dropped (when its parent is known), as PostgreSQL refuses to drop one
 * that a foreign key to its parent reaches. New bounds are a DETACH and an
 * ATTACH, which keep the partition's rows: PostgreSQL checks them against
 * the new bounds (and the default partition's rows against the rest) as it
 * attaches, and fails rather than lose a row.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const partition: Partition = { name: 'sales_rest', parent: 'sales', bounds: 'DEFAULT' }
 * postgresPartitionHandlers.create_partition({ kind: 'create_partition', partition }, ctx)
 * // [{ sql: 'CREATE TABLE "sales_rest" PARTITION OF "sales" DEFAULT' }]
 */
export const postgresPartitionHandlers: { readonly [K in PartitionKind]: Handlers[K] } = {
  create_partition: (op, ctx) => {
    const { partition } = op
    const partitionBy = partition.partitionBy === undefined ? '' : ` PARTITION BY ${partition.partitionBy}`
    const name = qualified(ctx, partition.name, partition.schema)
    const sql = `CREATE TABLE ${name} PARTITION OF ${parentOf(ctx, partition)} ${partition.bounds}`
    return [{ sql: `${sql}${partitionBy}` }]
  },
  // Detached first: a foreign key to the partitioned table has a clone on each partition, which a plain DROP refuses to drop.
  drop_partition: (op, ctx) => {
    const name = qualified(ctx, op.name, op.schema)
    const detach = op.existing === undefined ? [] : [{ sql: `ALTER TABLE ${parentOf(ctx, op.existing)} DETACH PARTITION ${name}` }]
    return [...detach, { sql: `DROP TABLE ${name}` }]
  },
  change_partition_bounds: (op, ctx) => {
    const { partition } = op
    const alter = `ALTER TABLE ${parentOf(ctx, partition)}`
    const name = qualified(ctx, partition.name, partition.schema)
    const detach = { sql: `${alter} DETACH PARTITION ${name}` }
    const attach = { sql: `${alter} ATTACH PARTITION ${name} ${partition.bounds}` }
    return op.step === 'detach' ? [detach] : op.step === 'attach' ? [attach] : [detach, attach]
  },
}
