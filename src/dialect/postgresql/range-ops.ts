import type { Handler, Handlers } from '../default/context.js'

type RangeKind = 'create_range_type' | 'drop_range_type'
type Context = Parameters<Handler<'create_range_type'>>[1]

const qualified = (ctx: Context, name: string, schema: string | undefined) =>
  ctx.quoteTable(schema === undefined ? { table: name } : { table: name, schema })

/**
 * PostgreSQL's statements for range types
 * (https://www.postgresql.org/docs/current/sql-createtype.html#SQL-CREATETYPE-RANGE).
 * The subtype, operator class and functions are SQL, written as given; the
 * collation is a name, quoted. A multirange type name is put in the range's
 * schema, as an unqualified one would otherwise go to the first schema of
 * the search_path. No `ALTER TYPE` changes a range: the differ drops and
 * creates it (see diff/pg-ranges.ts).
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresRangeHandlers.create_range_type({ kind: 'create_range_type', type: { name: 'floatrange', subtype: 'float8' } }, ctx)
 * // [{ sql: 'CREATE TYPE "floatrange" AS RANGE (SUBTYPE = float8)' }]
 */
export const postgresRangeHandlers: { readonly [K in RangeKind]: Handlers[K] } = {
  create_range_type: (op, ctx) => {
    const { type } = op
    const options = [
      `SUBTYPE = ${type.subtype}`,
      ...(type.subtypeOpclass === undefined ? [] : [`SUBTYPE_OPCLASS = ${type.subtypeOpclass}`]),
      ...(type.collation === undefined ? [] : [`COLLATION = ${ctx.quoteIdentifier(type.collation)}`]),
      ...(type.canonical === undefined ? [] : [`CANONICAL = ${type.canonical}`]),
      ...(type.subtypeDiff === undefined ? [] : [`SUBTYPE_DIFF = ${type.subtypeDiff}`]),
      ...(type.multirangeTypeName === undefined ? [] : [`MULTIRANGE_TYPE_NAME = ${qualified(ctx, type.multirangeTypeName, type.schema)}`]),
    ]
    return [{ sql: `CREATE TYPE ${qualified(ctx, type.name, type.schema)} AS RANGE (${options.join(', ')})` }]
  },
  drop_range_type: (op, ctx) => [{ sql: `DROP TYPE ${qualified(ctx, op.name, op.schema)}` }],
}
