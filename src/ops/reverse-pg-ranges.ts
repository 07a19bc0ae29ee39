import { AthanorError } from '../core/errors.js'
import type { Operation, OperationOf } from './operation.js'
import type { PgRangeOperation } from './pg-range-ops.js'

type Kind = PgRangeOperation['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/**
 * The reverses of the operations on PostgreSQL's range types: a created
 * type is dropped, a dropped one created again from `existing`.
 *
 * @example
 * pgRangeReversers.create_range_type({ kind: 'create_range_type', type: { name: 'floatrange', subtype: 'float8' } })
 * // { kind: 'drop_range_type', name: 'floatrange', existing: { name: 'floatrange', subtype: 'float8' } }
 */
export const pgRangeReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  create_range_type: (op) => ({ kind: 'drop_range_type', name: op.type.name, ...schemaOf(op.type.schema), existing: op.type }),
  drop_range_type: (op) => {
    if (op.existing === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse ${op.kind} on range type "${op.name}": the type as it was (\`existing\`) is not known`,
      )
    }
    return { kind: 'create_range_type', type: { ...op.existing, name: op.name, ...schemaOf(op.schema ?? op.existing.schema) } }
  },
}
