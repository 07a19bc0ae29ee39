/**
 * A view in the schema model: a named query. `definition` is the SELECT
 * alone, as the models write it or the database reads it back; each
 * database rewrites it when storing it, so it is compared after asking the
 * database how it would store it (see the dialect's `normalizeViews`).
 *
 * @example
 * const active: View = { name: 'active_users', definition: 'SELECT id, email FROM users WHERE active' }
 * const totals: View = {
 *   name: 'order_totals',
 *   definition: 'SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id',
 *   materialized: true,
 * }
 */
export interface View {
  readonly name: string
  readonly schema?: string
  readonly definition: string
  /** PostgreSQL's MATERIALIZED VIEW: the rows are stored, and refreshed on request. */
  readonly materialized?: boolean
  /**
   * The tables (and views) it reads, and on PostgreSQL the functions it
   * calls, as the database's catalog says; filled by introspection, so a
   * migration that changes one of them drops and recreates the view around the change.
   */
  readonly dependsOn?: readonly string[]
}
