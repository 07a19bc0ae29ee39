import type { Statement } from '../compile-types.js'
import type { CompileContext, Handler } from '../default/context.js'
import { withoutSemicolon } from '../default/ops/view.js'
import { doBlock } from './do-block.js'
import { endsInLineComment } from '../../ops/line-comment.js'
import type { View } from '../../schema/view.js'

/**
 * A statement of the block, ended: the `;` on a line of its own where the
 * statement ends in a `--` comment (a view's text may), which would
 * otherwise take it and the statements after it into the comment.
 */
const ended = (sql: string): string => `${sql}${endsInLineComment(sql) ? '\n' : ''};`

const PROBE_VIEW = 'pg_temp.athanor_probe'
const PROBE_ROWS = { table: 'athanor_probe_rows', schema: 'pg_temp' }

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
 * drop). A view kept gets the script's indexes and comment (see
 * {@link keptAsScripted}), which the script may have changed since. The
 * block takes effect whole, so the view never stands without its indexes.
 * Other views go to `create` as they are.
 *
 * @example
 * import type { CompileContext, Handler } from '../default/context.js'
 * declare const ctx: CompileContext
 * declare const create: Handler<'create_view'>
 * const view = { name: 'totals', definition: 'SELECT 1 AS one', materialized: true }
 * postgresCreateView(create)({ kind: 'create_view', view, orReplace: true }, ctx) // [{ sql: 'DO $athanor$DECLARE …' }]
 */
export function postgresCreateView(create: Handler<'create_view'>): Handler<'create_view'> {
  return (op, ctx) => {
    if (op.orReplace !== true || op.view.materialized !== true) return create(op, ctx)
    const made = create({ kind: op.kind, view: op.view }, ctx)
    if (!Array.isArray(made)) return made
    const name = ctx.quoteTable(op.view.schema === undefined ? { table: op.view.name } : { table: op.view.name, schema: op.view.schema })
    const same =
      `SELECT FROM pg_class WHERE oid = to_regclass(${ctx.renderLiteral(name)}) AND relkind = 'm' ` +
      `AND pg_get_viewdef(oid) = pg_get_viewdef(${ctx.renderLiteral(PROBE_VIEW)}::regclass)`
    const body = [
      'DECLARE athanor_index record;',
      'BEGIN',
      ended(`CREATE TEMPORARY VIEW athanor_probe AS ${withoutSemicolon(op.view.definition)}`),
      `IF NOT EXISTS (${same}) THEN`,
      `DROP MATERIALIZED VIEW IF EXISTS ${name};`,
      ...made.map((statement) => ended(statement.sql)),
      'ELSE',
      ...keptAsScripted(op.view, name, ctx),
      'END IF;',
      `DROP VIEW ${PROBE_VIEW};`,
      'END',
    ]
    return [{ sql: doBlock(body.join('\n')) }]
  }
}

/**
 * What a kept view needs to stand as the script makes it: its comment set
 * again, and its indexes made as the script has them. The script's indexes
 * are built on an empty temporary table of the same query (same columns,
 * types and collations), and an index of the view is kept only where one of
 * its name there has the same definition (`pg_get_indexdef`, the table's
 * name taken out: columns, expressions, uniqueness, method, INCLUDE,
 * predicate, storage); the others are dropped and those the view then lacks
 * made, so an index already right is not built again.
 */
function keptAsScripted(view: View, name: string, ctx: CompileContext): string[] {
  const comment = ctx.compileSql({
    kind: 'set_view_comment',
    name: view.name,
    ...(view.schema === undefined ? {} : { schema: view.schema }),
    materialized: true,
    comment: view.comment ?? null,
  })
  const indexes = view.indexes ?? []
  const ref = view.schema === undefined ? { table: view.name } : { table: view.name, schema: view.schema }
  const onView = `i.indrelid = to_regclass(${ctx.renderLiteral(name)})`
  const probe = ctx.quoteTable(PROBE_ROWS)
  // The table's name as pg_get_indexdef writes it, taken out (a session's own temporary schema is written pg_temp).
  const definition = (index: string) =>
    `replace(replace(pg_get_indexdef(${index}.indexrelid), format(' ON %I.%I ', ${index}_n.nspname, ${index}_t.relname), ' ON '), ` +
    `format(' ON pg_temp.%I ', ${index}_t.relname), ' ON ')`
  const named = (index: string) =>
    `pg_index ${index} JOIN pg_class ${index}_c ON ${index}_c.oid = ${index}.indexrelid ` +
    `JOIN pg_class ${index}_t ON ${index}_t.oid = ${index}.indrelid ` +
    `JOIN pg_namespace ${index}_n ON ${index}_n.oid = ${index}_t.relnamespace`
  const twin =
    `SELECT FROM ${named('p')} WHERE p.indrelid = ${ctx.renderLiteral(probe)}::regclass ` +
    `AND p_c.relname = i_c.relname AND ${definition('p')} = ${definition('i')}`
  const stale = `SELECT i_c.relname AS index, i_n.nspname AS schema FROM ${named('i')}`
  const madeAgain = indexes.map((index) => {
    const statements = ctx.compileSql({ kind: 'create_index', ...ref, index })
    const present = `SELECT FROM ${named('i')} WHERE ${onView} AND i_c.relname = ${ctx.renderLiteral(index.name)}`
    return `IF NOT EXISTS (${present}) THEN ${statements.map((s) => ended(s.sql)).join('\n')} END IF;`
  })
  const probed: Statement[] = indexes.flatMap((index) => ctx.compileSql({ kind: 'create_index', ...PROBE_ROWS, index }))
  const rows = `CREATE TEMPORARY TABLE athanor_probe_rows AS ${withoutSemicolon(view.definition)}`
  return [
    ended(`${rows}${endsInLineComment(rows) ? '\n' : ''} WITH NO DATA`),
    ...probed.map((statement) => ended(statement.sql)),
    `FOR athanor_index IN ${stale} WHERE ${onView} AND NOT EXISTS (${twin}) LOOP`,
    "EXECUTE format('DROP INDEX %I.%I', athanor_index.schema, athanor_index.index);",
    'END LOOP;',
    ...madeAgain,
    `DROP TABLE ${probe};`,
    ...comment.map((statement) => ended(statement.sql)),
  ]
}
