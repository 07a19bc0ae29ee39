import type { DefaultValue } from '../schema/types.js'
import { viewBehaviour, type View } from '../schema/view.js'
import { indexOfSpec, type IndexSpec } from './constraints.js'

/**
 * Where a model view lives and what kind it is: `materialized` is
 * PostgreSQL's MATERIALIZED VIEW, refused by the other dialects.
 *
 * @example
 * const options: ViewOptions = { schema: 'reports', materialized: true }
 * const guarded: ViewOptions = { checkOption: 'cascaded', securityInvoker: true }
 */
export interface ViewOptions extends Pick<View, 'checkOption' | 'securityInvoker' | 'securityBarrier'> {
  readonly schema?: string
  readonly materialized?: boolean
  /** A materialized view's indexes, as a table's (unnamed ones are `ix_<view>_<columns>`); refused on a plain view. */
  readonly indexes?: readonly IndexSpec[]
  /** PostgreSQL's COMMENT ON [MATERIALIZED] VIEW; refused elsewhere. */
  readonly comment?: string
  /** SQLite's `CREATE VIEW v (a, b)`: its columns' names over the query's; elsewhere alias them in the query. */
  readonly columnNames?: readonly string[]
}

/**
 * Declares a view for `defineModels`: its name and its SELECT, written with
 * the `sql` tag or as a string. `check` compares it with the database's by
 * the text the database would store, not character by character.
 *
 * @example
 * export const activeUsers = view('active_users', sql`SELECT id, email FROM users WHERE active`)
 * export const totals = view('order_totals', sql`SELECT user_id, count(*) AS n FROM orders GROUP BY user_id`, {
 *   materialized: true,
 *   indexes: [index(['user_id'], { unique: true })], // lets REFRESH MATERIALIZED VIEW CONCURRENTLY run
 * })
 * export default defineModels(table('users', { id: col.integer().primaryKey() }), activeUsers, totals)
 */
export function view(name: string, definition: string | DefaultValue, options: ViewOptions = {}): View {
  const text = typeof definition === 'string' ? definition : definition.kind === 'expression' ? definition.sql : String(definition.value)
  return {
    name,
    definition: text.trim(),
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.materialized === true ? { materialized: true } : {}),
    ...viewBehaviour(options),
    ...(options.indexes === undefined || options.indexes.length === 0
      ? {}
      : { indexes: options.indexes.map((spec) => indexOfSpec(spec, name)) }),
    // PostgreSQL keeps an empty comment as none.
    ...(options.comment === undefined || options.comment === '' ? {} : { comment: options.comment }),
    ...(options.columnNames === undefined ? {} : { columnNames: [...options.columnNames] }),
  }
}

/**
 * Tells a view from a table among the values a models module exports: a
 * view has a definition and no columns.
 *
 * @example
 * isViewLike(view('v', 'SELECT 1')) // true
 */
export function isViewLike(value: unknown): value is View {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { definition?: unknown }).definition === 'string' &&
    !('columns' in value) &&
    // A model trigger or routine also has a definition.
    !('objectKind' in value)
  )
}
