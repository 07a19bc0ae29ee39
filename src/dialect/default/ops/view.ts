import { AthanorError } from '../../../core/errors.js'
import type { View } from '../../../schema/view.js'
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
} {
  const refuseMaterialized = (view: { readonly name: string; readonly materialized?: boolean }, ctx: CompileContext) => {
    if (view.materialized === true && !traits.materialized) {
      throw new AthanorError('UNSUPPORTED_FEATURE', `view "${view.name}": ${ctx.dialect} has no materialized views`)
    }
  }
  const create = (view: View, ctx: CompileContext, orReplace: boolean): Statement[] => {
    refuseMaterialized(view, ctx)
    const replace = orReplace && traits.replaceInPlace && view.materialized !== true ? 'OR REPLACE ' : ''
    const kind = view.materialized === true ? 'MATERIALIZED VIEW' : 'VIEW'
    return [{ sql: `CREATE ${replace}${kind} ${quoteView(view, ctx)} AS ${withoutSemicolon(view.definition)}` }]
  }
  const drop = (view: { readonly name: string; readonly schema?: string; readonly materialized?: boolean }, ctx: CompileContext) => {
    refuseMaterialized(view, ctx)
    return [{ sql: `DROP ${view.materialized === true ? 'MATERIALIZED VIEW' : 'VIEW'} ${quoteView(view, ctx)}` }]
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
  }
}

function quoteView(view: { readonly name: string; readonly schema?: string }, ctx: CompileContext): string {
  return ctx.quoteTable(view.schema === undefined ? { table: view.name } : { table: view.name, schema: view.schema })
}

// pg_get_viewdef ends its text with a semicolon, which CREATE VIEW … AS would take as the statement's end.
function withoutSemicolon(definition: string): string {
  return definition.trim().replace(/;\s*$/, '')
}
