import type { Handler, Handlers } from '../default/context.js'
import type { CompositeAttribute } from '../../schema/pg-composite.js'
import { doBlock } from './do-block.js'

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
    const type = qualified(ctx, op.name, op.schema)
    const moving = changes.moveToEnd ?? []
    // The refusal comes before any change to the type: outside a transaction each statement commits on its own.
    const refusal = moving.length === 0 ? [] : [refusedMoves(ctx, type)]
    const changed = [...renames, ...(actions.length === 0 ? [] : [`${alter} ${actions.join(', ')}`]), ...movedToEnd(ctx, type, moving)]
    return [...refusal, ...changed].map((sql) => ({ sql }))
  },
}

/**
 * The statement that refuses a move of attributes to the end where values
 * of the type cannot be copied by {@link movedToEnd}: in an array, a domain
 * or another composite type of this one, or in a materialized view. It
 * names them, and runs before any change to the type.
 */
function refusedMoves(ctx: Context, type: string): string {
  const oid = `${ctx.renderLiteral(type)}::regtype`
  const elsewhere = [
    `SELECT a.attrelid::regclass::text || '.' || a.attname FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid`,
    `WHERE NOT a.attisdropped AND a.attnum > 0 AND ((a.atttypid = ${oid} AND r.relkind NOT IN ('r', 'p', 'v', 'i', 'I'))`,
    `OR a.atttypid IN (SELECT typarray FROM pg_type WHERE oid = ${oid} UNION SELECT oid FROM pg_type WHERE typbasetype = ${oid}))`,
  ].join(' ')
  const body = [
    'DECLARE used text; BEGIN',
    `SELECT string_agg(u, ', ') INTO used FROM (${elsewhere}) AS s(u);`,
    "IF used IS NOT NULL THEN RAISE EXCEPTION 'composite type %: the values in % (an array, a domain, a composite type " +
      `or a materialized view of it) cannot be moved; move its attributes by hand', ${ctx.renderLiteral(type)}, used; END IF;`,
    'END',
  ]
  return doBlock(body.join('\n'))
}

/**
 * The statements that move attributes to the end, values kept: each is
 * renamed aside, added again under its name, its values copied in every
 * table column of the type (a partitioned table's UPDATE reaches its
 * partitions; a NULL value stays NULL), and the old one dropped. Where
 * values could not be copied so, {@link refusedMoves} has refused before.
 */
function movedToEnd(ctx: Context, type: string, moves: readonly CompositeAttribute[]): string[] {
  if (moves.length === 0) return []
  const aside = moves.map((_, i) => `athanor_moving_${i}`)
  const alter = `ALTER TYPE ${type}`
  const copies = moves.map((a, i) => `%2$I.${ctx.quoteIdentifier(a.name)} = (%2$I).${ctx.quoteIdentifier(aside[i]!)}`).join(', ')
  const update = ctx.renderLiteral(`UPDATE %1$s SET ${copies} WHERE num_nonnulls(%2$I) > 0`)
  const oid = `${ctx.renderLiteral(type)}::regtype`
  const copy = doBlock(
    [
      'DECLARE c record; BEGIN',
      `FOR c IN SELECT a.attrelid::regclass AS t, a.attname FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid`,
      `WHERE a.atttypid = ${oid} AND NOT a.attisdropped AND r.relkind IN ('r', 'p') AND NOT r.relispartition LOOP`,
      `EXECUTE format(${update}, c.t, c.attname); END LOOP; END`,
    ].join('\n'),
  )
  return [
    ...moves.map((a, i) => `${alter} RENAME ATTRIBUTE ${ctx.quoteIdentifier(a.name)} TO ${ctx.quoteIdentifier(aside[i]!)}`),
    `${alter} ${moves.map((a) => `ADD ATTRIBUTE ${attribute(ctx, a)}`).join(', ')}`,
    copy,
    `${alter} ${aside.map((name) => `DROP ATTRIBUTE ${ctx.quoteIdentifier(name)}`).join(', ')}`,
  ]
}
