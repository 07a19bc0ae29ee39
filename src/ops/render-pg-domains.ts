import type { OperationOf } from './operation.js'
import type { PgDomainOperation } from './pg-domain-ops.js'
import { optionsArgument } from './render-options.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Kind = PgDomainOperation['kind']

const options = optionsArgument

/**
 * The `op` calls of the operations on PostgreSQL's domains.
 *
 * @example
 * const domain: Domain = { name: 'positive_int', type: 'integer', notNull: true }
 * pgDomainRenderers.create_domain({ kind: 'create_domain', domain }, { names: new Set() })
 * // "await op.createDomain('positive_int', 'integer', { notNull: true })"
 */
export const pgDomainRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  create_domain: (op, imports) => {
    const { name, type, ...rest } = op.domain
    return `await op.createDomain(${quote(name)}, ${quote(type)}${options(rest, imports)})`
  },
  drop_domain: (op, imports) => `await op.dropDomain(${quote(op.name)}${options({ schema: op.schema, existing: op.existing }, imports)})`,
  alter_domain: (op, imports) =>
    `await op.alterDomain(${quote(op.name)}, ${renderData(op.changes, imports)}` +
    `${options({ schema: op.schema, existing: op.existing }, imports)})`,
}
