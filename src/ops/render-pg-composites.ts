import type { OperationOf } from './operation.js'
import type { PgCompositeOperation } from './pg-composite-ops.js'
import { optionsArgument as options } from './render-options.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Kind = PgCompositeOperation['kind']

/**
 * The `op` calls of the operations on PostgreSQL's composite types.
 *
 * @example
 * const type = { name: 'address', attributes: [{ name: 'city', type: 'text' }] }
 * pgCompositeRenderers.create_composite_type({ kind: 'create_composite_type', type }, { names: new Set() })
 * // "await op.createCompositeType('address', [{ name: 'city', type: 'text' }])"
 */
export const pgCompositeRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  create_composite_type: (op, imports) =>
    `await op.createCompositeType(${quote(op.type.name)}, ${renderData(op.type.attributes, imports)}` +
    `${options({ schema: op.type.schema }, imports)})`,
  drop_composite_type: (op, imports) =>
    `await op.dropCompositeType(${quote(op.name)}${options({ schema: op.schema, existing: op.existing }, imports)})`,
  alter_composite_type: (op, imports) =>
    `await op.alterCompositeType(${quote(op.name)}, ${renderData(op.changes, imports)}` +
    `${options({ schema: op.schema, existing: op.existing }, imports)})`,
}
