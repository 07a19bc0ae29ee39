import type { Handler } from '../default/context.js'
import { withoutSemicolon } from '../default/ops/view.js'
import { doBlock } from './do-block.js'
import { endsInLineComment } from '../../ops/line-comment.js'

/**
 * A statement of the block, ended: the `;` on a line of its own where the
 * statement ends in a `--` comment (a view's text may), which would
 * otherwise take it and the statements after it into the comment.
 */
const ended = (sql: string): string => `${sql}${endsInLineComment(sql) ? '\n' : ''};`

/**
 * `create_view` with a materialized view made OR REPLACE, which PostgreSQL
 * does not have (a script outside a transaction asks for it, so that a run
 * stopped after it can run again): one `DO` block that keeps a materialized
 * view of that name whose text is the one it would make (read back through
 * a temporary view of the same query, as the catalog normalises both alike),
 * and otherwise drops one of that name and makes it, its indexes and
 * comment with it. A retry thus never keeps an older text (the script
 * edited after the first run), nor drops what the first run made when it
 * is as it should be (a view made over it since stands in the way of a
 * drop). The block takes effect whole, so the view never stands without its
 * indexes. Other views go to `create` as they are.
 *
 * @example
 * import type { CompileContext, Handler } from '../default/context.js'
 * declare const ctx: CompileContext
 * declare const create: Handler<'create_view'>
 * const view = { name: 'totals', definition: 'SELECT 1 AS one', materialized: true }
 * postgresCreateView(create)({ kind: 'create_view', view, orReplace: true }, ctx) // [{ sql: 'DO $athanor$BEGIN …' }]
 */
export function postgresCreateView(create: Handler<'create_view'>): Handler<'create_view'> {
  return (op, ctx) => {
    if (op.orReplace !== true || op.view.materialized !== true) return create(op, ctx)
    const made = create({ kind: op.kind, view: op.view }, ctx)
    if (!Array.isArray(made)) return made
    const name = ctx.quoteTable(op.view.schema === undefined ? { table: op.view.name } : { table: op.view.name, schema: op.view.schema })
    const probe = 'pg_temp.athanor_probe'
    const same =
      `SELECT FROM pg_class WHERE oid = to_regclass(${ctx.renderLiteral(name)}) AND relkind = 'm' ` +
      `AND pg_get_viewdef(oid) = pg_get_viewdef(${ctx.renderLiteral(probe)}::regclass)`
    const body = [
      'BEGIN',
      ended(`CREATE TEMPORARY VIEW athanor_probe AS ${withoutSemicolon(op.view.definition)}`),
      `IF NOT EXISTS (${same}) THEN`,
      `DROP MATERIALIZED VIEW IF EXISTS ${name};`,
      ...made.map((statement) => ended(statement.sql)),
      'END IF;',
      `DROP VIEW ${probe};`,
      'END',
    ]
    return [{ sql: doBlock(body.join('\n')) }]
  }
}
