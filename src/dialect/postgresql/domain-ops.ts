import type { Handler, Handlers } from '../default/context.js'
import type { DomainCheck } from '../../schema/pg-domain.js'

type DomainKind = 'create_domain' | 'drop_domain' | 'alter_domain'
type Context = Parameters<Handler<'create_domain'>>[1]

const qualified = (ctx: Context, name: string, schema: string | undefined) =>
  ctx.quoteTable(schema === undefined ? { table: name } : { table: name, schema })

const checkClause = (ctx: Context, check: DomainCheck) =>
  `${check.name === undefined ? '' : `CONSTRAINT ${ctx.quoteIdentifier(check.name)} `}CHECK (${check.expression})`

/**
 * PostgreSQL's statements for domains
 * (https://www.postgresql.org/docs/current/sql-createdomain.html). A changed
 * domain is altered in place, never dropped: its columns would go with it.
 * Checks are dropped before the default changes and added after, so a new
 * default is not held to a check on its way out.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const domain: Domain = { name: 'positive_int', type: 'integer', checks: [{ expression: 'VALUE > 0' }] }
 * postgresDomainHandlers.create_domain({ kind: 'create_domain', domain }, ctx)
 * // [{ sql: 'CREATE DOMAIN "positive_int" AS integer CHECK (VALUE > 0)' }]
 */
export const postgresDomainHandlers: { readonly [K in DomainKind]: Handlers[K] } = {
  create_domain: (op, ctx) => {
    const { domain } = op
    const parts = [`CREATE DOMAIN ${qualified(ctx, domain.name, domain.schema)} AS ${domain.type}`]
    if (domain.default !== undefined) parts.push(`DEFAULT ${ctx.renderDefault(domain.default)}`)
    if (domain.notNull === true) parts.push('NOT NULL')
    for (const check of domain.checks ?? []) parts.push(checkClause(ctx, check))
    return [{ sql: parts.join(' ') }]
  },
  drop_domain: (op, ctx) => [{ sql: `DROP DOMAIN ${qualified(ctx, op.name, op.schema)}` }],
  alter_domain: (op, ctx) => {
    const alter = `ALTER DOMAIN ${qualified(ctx, op.name, op.schema)}`
    const { changes } = op
    const statements: string[] = (changes.dropChecks ?? []).map((name) => `${alter} DROP CONSTRAINT ${ctx.quoteIdentifier(name)}`)
    if (changes.default === null) statements.push(`${alter} DROP DEFAULT`)
    else if (changes.default !== undefined) statements.push(`${alter} SET DEFAULT ${ctx.renderDefault(changes.default)}`)
    if (changes.notNull !== undefined) statements.push(`${alter} ${changes.notNull ? 'SET' : 'DROP'} NOT NULL`)
    for (const check of changes.addChecks ?? []) statements.push(`${alter} ADD ${checkClause(ctx, check)}`)
    return statements.map((sql) => ({ sql }))
  },
}
