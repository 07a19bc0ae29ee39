import type { OperationOf } from './operation.js'
import type { PgPartitionOperation } from './pg-partition-ops.js'
import { optionsArgument } from './render-options.js'
import { quote, type RenderImports } from './render-value.js'

type Kind = PgPartitionOperation['kind']

const options = optionsArgument

/**
 * The `op` calls of the operations on PostgreSQL's partitions.
 *
 * @example
 * const partition: Partition = { name: 'sales_rest', parent: 'sales', bounds: 'DEFAULT' }
 * pgPartitionRenderers.create_partition({ kind: 'create_partition', partition }, { names: new Set() })
 * // "await op.createPartition('sales_rest', 'sales', 'DEFAULT')"
 */
export const pgPartitionRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  create_partition: (op, imports) => {
    const { name, parent, bounds, ...rest } = op.partition
    return `await op.createPartition(${quote(name)}, ${quote(parent)}, ${quote(bounds)}${options(rest, imports)})`
  },
  drop_partition: (op, imports) =>
    `await op.dropPartition(${quote(op.name)}${options({ schema: op.schema, existing: op.existing }, imports)})`,
  change_partition_bounds: (op, imports) => {
    const { name, parent, bounds, ...rest } = op.partition
    return (
      `await op.changePartitionBounds(${quote(name)}, ${quote(parent)}, ${quote(bounds)}` +
      `${options({ ...rest, previous: op.previous, step: op.step }, imports)})`
    )
  },
}
