import { AthanorError } from '../core/errors.js'
import type { Operation, OperationOf } from './operation.js'
import type { PgPartitionOperation } from './pg-partition-ops.js'

type Kind = PgPartitionOperation['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/**
 * The reverses of the operations on PostgreSQL's partitions. A dropped
 * partition comes back empty: its rows went with it.
 *
 * @example
 * const partition: Partition = { name: 'sales_rest', parent: 'sales', bounds: 'DEFAULT' }
 * pgPartitionReversers.create_partition({ kind: 'create_partition', partition })
 * // { kind: 'drop_partition', name: 'sales_rest', existing: { name: 'sales_rest', parent: 'sales', bounds: 'DEFAULT' } }
 */
export const pgPartitionReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  create_partition: (op) => ({ kind: 'drop_partition', name: op.partition.name, ...schemaOf(op.partition.schema), existing: op.partition }),
  drop_partition: (op) => {
    if (op.existing === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse drop_partition on "${op.name}": its parent and bounds (\`existing\`) are not known`,
      )
    }
    return { kind: 'create_partition', partition: { ...op.existing, name: op.name, ...schemaOf(op.schema ?? op.existing.schema) } }
  },
  change_partition_bounds: (op) => {
    if (op.previous === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse change_partition_bounds on "${op.partition.name}": the bounds it had (\`previous\`) are not known`,
      )
    }
    const step = op.step === undefined ? {} : { step: op.step === 'detach' ? ('attach' as const) : ('detach' as const) }
    return { kind: 'change_partition_bounds', partition: { ...op.partition, bounds: op.previous }, previous: op.partition.bounds, ...step }
  },
}
