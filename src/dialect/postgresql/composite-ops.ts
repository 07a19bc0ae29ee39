import type { Handler, Handlers } from '../default/context.js'
import type { CompositeAttribute } from '../../schema/pg-composite.js'

type CompositeKind = 'create_composite_type' | 'drop_composite_type' | 'alter_composite_type'
type Context = Parameters<Handler<'create_composite_type'>>[1]

const qualified = (ctx: Context, name: string, schema: string | undefined) =>
  ctx.quoteTable(schema === undefined ? { table: name } : { table: name, schema })

const attribute = (ctx: Context, a: CompositeAttribute) =>
  `${ctx.quoteIdentifier(a.name)} ${a.type}${a.collation === undefined ? '' : ` COLLATE ${ctx.quoteIdentifier(a.collation)}`}`

/**
 * PostgreSQL's statements for composite types
 * (https://www.postgresql.org/docs/current/sql-createtype.html). A changed
 * type is altered in place, never dropped and made again: the columns of
 * the type would go with it. Renames come first, then the attributes
 * dropped and added in one `ALTER TYPE`, so the type never stands half changed.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresCompositeHandlers.create_composite_type(
 *   { kind: 'create_composite_type', type: { name: 'address', attributes: [{ name: 'city', type: 'text' }] } },
 *   ctx,
 * ) // [{ sql: 'CREATE TYPE "address" AS ("city" text)' }]
 */
export const postgresCompositeHandlers: { readonly [K in CompositeKind]: Handlers[K] } = {
  create_composite_type: (op, ctx) => {
    const { type } = op
    const attributes = type.attributes.map((a) => attribute(ctx, a)).join(', ')
    return [{ sql: `CREATE TYPE ${qualified(ctx, type.name, type.schema)} AS (${attributes})` }]
  },
  drop_composite_type: (op, ctx) => [{ sql: `DROP TYPE ${qualified(ctx, op.name, op.schema)}` }],
  alter_composite_type: (op, ctx) => {
    const alter = `ALTER TYPE ${qualified(ctx, op.name, op.schema)}`
    const { changes } = op
    const renames = (changes.renameAttributes ?? []).map(
      (r) => `${alter} RENAME ATTRIBUTE ${ctx.quoteIdentifier(r.from)} TO ${ctx.quoteIdentifier(r.to)}`,
    )
    const actions = [
      ...(changes.dropAttributes ?? []).map((name) => `DROP ATTRIBUTE ${ctx.quoteIdentifier(name)}`),
      ...(changes.addAttributes ?? []).map((a) => `ADD ATTRIBUTE ${attribute(ctx, a)}`),
    ]
    return [...renames, ...(actions.length === 0 ? [] : [`${alter} ${actions.join(', ')}`])].map((sql) => ({ sql }))
  },
}
