import type { OperationOf } from './operation.js'
import type { PgRangeOperation } from './pg-range-ops.js'
import { optionsArgument as options } from './render-options.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Kind = PgRangeOperation['kind']

/**
 * The `op` calls of the operations on PostgreSQL's range types.
 *
 * @example
 * pgRangeRenderers.create_range_type({ kind: 'create_range_type', type: { name: 'floatrange', subtype: 'float8' } }, { names: new Set() })
 * // "await op.createRangeType('floatrange', { subtype: 'float8' })"
 */
export const pgRangeRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  create_range_type: (op, imports) => {
    const { name, schema, ...definition } = op.type
    return `await op.createRangeType(${quote(name)}, ${renderData(definition, imports)}${options({ schema }, imports)})`
  },
  drop_range_type: (op, imports) =>
    `await op.dropRangeType(${quote(op.name)}${options({ schema: op.schema, existing: op.existing }, imports)})`,
}
