import { AthanorError } from '../../../core/errors.js'
import { viewBehaviour, type View } from '../../../schema/view.js'
import type { Statement } from '../../compile-types.js'
import type { CompileContext, Handler } from '../context.js'

/**
 * How a dialect writes views: whether it has materialized views (PostgreSQL)
 * and whether `CREATE OR REPLACE VIEW` may replace a plain view in place.
 * PostgreSQL has the statement but refuses it when a column is dropped,
 * renamed or retyped, which the compiler cannot know, so it drops and
 * creates; MySQL/MariaDB replace any definition; SQLite has no such statement.
 */
export interface ViewTraits {
  readonly materialized: boolean
  readonly replaceInPlace: boolean
  /**
   * Whether a view created `orReplace` is written CREATE OR REPLACE even
   * where `replaceInPlace` is false (PostgreSQL): asked for, so that a
   * script outside a transaction can make the view again after it stopped
   * halfway, it meets the view of the first run, whose columns are its own.
   */
  readonly createOrReplace?: boolean
  /**
   * How a view's check option and security are written: PostgreSQL's
   * `WITH (security_invoker = true, …)` after the name, MySQL's `SQL
   * SECURITY INVOKER` before `VIEW`; absent, the dialect has neither (SQLite)
   * and refuses them. Both write the check option after the query.
   */
  readonly behaviour?: 'reloptions' | 'sql-security'
  /** Whether a view takes a comment (PostgreSQL's COMMENT ON VIEW); elsewhere one is refused. */
  readonly comments?: boolean
  /**
   * Whether the catalog keeps a view's column names apart from its query
   * (SQLite); elsewhere they are the query's aliases, and a list is refused,
   * as the view read back would never compare equal to it.
   */
  readonly columnNames?: boolean
}

/**
 * The three view handlers of a dialect.
 *
 * @example
 * const { create_view } = viewHandlers({ materialized: false, replaceInPlace: true })
 */
export function viewHandlers(traits: ViewTraits): {
  create_view: Handler<'create_view'>
  drop_view: Handler<'drop_view'>
  replace_view: Handler<'replace_view'>
  set_view_comment: Handler<'set_view_comment'>
} {
  const refuseMaterialized = (view: { readonly name: string; readonly materialized?: boolean }, ctx: CompileContext) => {
    if (view.materialized === true && !traits.materialized) {
      throw new AthanorError('UNSUPPORTED_FEATURE', `view "${view.name}": ${ctx.dialect} has no materialized views`)
    }
  }
  const create = (view: View, ctx: CompileContext, orReplace: boolean): Statement[] => {
    refuseMaterialized(view, ctx)
    const replace =
      orReplace && (traits.replaceInPlace || traits.createOrReplace === true) && view.materialized !== true ? 'OR REPLACE ' : ''
    const kind = view.materialized === true ? 'MATERIALIZED VIEW' : 'VIEW'
    const { before, after, checked } = behaviourClauses(view, traits, ctx)
    const names = columnList(view, traits, ctx)
    const algorithm = algorithmClause(view, traits, ctx)
    return [
      {
        sql:
          `CREATE ${replace}${algorithm}${before}${kind} ${quoteView(view, ctx)}${names}${after} ` +
          `AS ${withoutSemicolon(view.definition)}${checked}`,
      },
      ...indexesOf(view, ctx),
      ...(view.comment === undefined ? [] : [comment(view, view.comment, ctx)]),
    ]
  }
  const comment = (
    view: { readonly name: string; readonly schema?: string; readonly materialized?: boolean },
    text: string | null,
    ctx: CompileContext,
  ): Statement => {
    if (traits.comments !== true)
      throw new AthanorError('UNSUPPORTED_FEATURE', `view "${view.name}": ${ctx.dialect} has no comments on views`)
    const kind = view.materialized === true ? 'MATERIALIZED VIEW' : 'VIEW'
    return { sql: `COMMENT ON ${kind} ${quoteView(view, ctx)} IS ${text === null ? 'NULL' : ctx.renderLiteral(text)}` }
  }
  const drop = (
    view: { readonly name: string; readonly schema?: string; readonly materialized?: boolean; readonly ifExists?: boolean },
    ctx: CompileContext,
  ) => {
    refuseMaterialized(view, ctx)
    const guard = view.ifExists === true ? 'IF EXISTS ' : ''
    return [{ sql: `DROP ${view.materialized === true ? 'MATERIALIZED VIEW' : 'VIEW'} ${guard}${quoteView(view, ctx)}` }]
  }
  return {
    create_view: (op, ctx) => create(op.view, ctx, op.orReplace === true),
    drop_view: (op, ctx) => drop({ ...op, materialized: op.materialized ?? op.existing?.materialized }, ctx),
    replace_view: (op, ctx) => {
      const was = op.existing ?? op.view
      const inPlace = traits.replaceInPlace && op.view.materialized !== true && was.materialized !== true
      return inPlace
        ? create(op.view, ctx, true)
        : [...drop({ ...op.view, materialized: was.materialized }, ctx), ...create(op.view, ctx, false)]
    },
    set_view_comment: (op, ctx) => [comment(op, op.comment, ctx)],
  }
}

/**
 * A materialized view's indexes, made after it (and so again whenever it
 * is); refused on a plain view, which PostgreSQL cannot index, naming it.
 */
function indexesOf(view: View, ctx: CompileContext): Statement[] {
  const indexes = view.indexes ?? []
  if (indexes.length === 0) return []
  if (view.materialized !== true) {
    throw new AthanorError('INVALID_MODEL', `view "${view.name}": only a materialized view has indexes (${indexes[0]!.name})`)
  }
  const ref = view.schema === undefined ? { table: view.name } : { table: view.name, schema: view.schema }
  return indexes.flatMap((index) => ctx.compileSql({ kind: 'create_index', ...ref, index }))
}

/**
 * The clauses of a view's check option and security, where the dialect
 * writes each; refused, naming the view, where it has none or the view is
 * materialized (which is never written through, and is read as its owner).
 */
function behaviourClauses(view: View, traits: ViewTraits, ctx: CompileContext): { before: string; after: string; checked: string } {
  const { checkOption, securityInvoker, securityBarrier } = viewBehaviour(view)
  const given = [checkOption && 'checkOption', securityInvoker && 'securityInvoker', securityBarrier && 'securityBarrier'].filter(Boolean)
  if (given.length === 0) return { before: '', after: '', checked: '' }
  const refuse = (why: string): never => {
    throw new AthanorError('UNSUPPORTED_FEATURE', `view "${view.name}": ${given.join(', ')}: ${why}`)
  }
  if (traits.behaviour === undefined) refuse(`${ctx.dialect} has no check option or security settings on views`)
  if (view.materialized === true) refuse('a materialized view takes none of these')
  if (securityBarrier === true && traits.behaviour !== 'reloptions') refuse(`securityBarrier is PostgreSQL's, not ${ctx.dialect}'s`)
  const checked = checkOption === undefined ? '' : ` WITH ${checkOption.toUpperCase()} CHECK OPTION`
  if (traits.behaviour === 'sql-security') return { before: securityInvoker === true ? 'SQL SECURITY INVOKER ' : '', after: '', checked }
  const options = [securityBarrier === true ? 'security_barrier = true' : '', securityInvoker === true ? 'security_invoker = true' : '']
  const set = options.filter(Boolean)
  return { before: '', after: set.length === 0 ? '' : ` WITH (${set.join(', ')})`, checked }
}

function quoteView(view: { readonly name: string; readonly schema?: string }, ctx: CompileContext): string {
  return ctx.quoteTable(view.schema === undefined ? { table: view.name } : { table: view.name, schema: view.schema })
}

/**
 * A view's text as CREATE VIEW … AS takes it: pg_get_viewdef ends its text
 * with a semicolon, which would be taken as the statement's end.
 *
 * @example
 * withoutSemicolon(' SELECT 1;\n') // 'SELECT 1'
 */
export function withoutSemicolon(definition: string): string {
  return definition.trim().replace(/;\s*$/, '')
}

/** MySQL's `ALGORITHM=MERGE `, written before SQL SECURITY; refused where the dialect has no such clause. */
function algorithmClause(view: View, traits: ViewTraits, ctx: CompileContext): string {
  if (view.algorithm === undefined) return ''
  if (traits.behaviour !== 'sql-security' || view.materialized === true) {
    throw new AthanorError('UNSUPPORTED_FEATURE', `view "${view.name}": algorithm: ${ctx.dialect} has no ALGORITHM clause`)
  }
  return `ALGORITHM=${view.algorithm} `
}

/** ` (a, b)`: the view's column names, where the dialect keeps them; refused where it does not. */
function columnList(view: View, traits: ViewTraits, ctx: CompileContext): string {
  if (view.columnNames === undefined) return ''
  if (traits.columnNames !== true) {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `view "${view.name}": ${ctx.dialect} keeps no column list apart from the query; name the columns in it (SELECT a AS x)`,
    )
  }
  return ` (${view.columnNames.map((name) => ctx.quoteIdentifier(name)).join(', ')})`
}
