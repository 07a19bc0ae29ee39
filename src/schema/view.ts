import type { Index } from './types.js'

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
   * `WITH [LOCAL | CASCADED] CHECK OPTION` (PostgreSQL, MySQL): a row written
   * through the view must be one it shows; `cascaded` checks the views it
   * reads as well.
   */
  readonly checkOption?: 'local' | 'cascaded'
  /**
   * Runs with the privileges, and under the row security, of whoever queries
   * it rather than its owner's: PostgreSQL 15's `security_invoker`, MySQL's
   * `SQL SECURITY INVOKER`.
   */
  readonly securityInvoker?: boolean
  /** PostgreSQL's `security_barrier`: its conditions run before any function of the query that reads it. */
  readonly securityBarrier?: boolean
  /**
   * A materialized view's indexes (PostgreSQL): made with it, compared, and
   * made again with it when it is; a unique one lets `REFRESH MATERIALIZED
   * VIEW CONCURRENTLY` run.
   */
  readonly indexes?: readonly Index[]
  /** PostgreSQL's `COMMENT ON [MATERIALIZED] VIEW`. */
  readonly comment?: string
  /**
   * SQLite's `CREATE VIEW v (a, b) AS …`: the names the view gives its
   * columns over the query's own. SQLite keeps the list apart from the
   * query; PostgreSQL and MySQL fold it into the query, whose aliases say it there.
   */
  readonly columnNames?: readonly string[]
  /**
   * The tables (and views) it reads, and on PostgreSQL the functions it
   * calls, as the database's catalog says; filled by introspection, so a
   * migration that changes one of them drops and recreates the view around the change.
   */
  readonly dependsOn?: readonly string[]
  /**
   * MySQL/MariaDB's `ALGORITHM=MERGE` or `TEMPTABLE` (UNDEFINED, the
   * default, is none). Read from the database so that a view a migration
   * drops and makes again around a change to what it reads keeps it; the
   * models do not declare it, and pull lists it as not represented.
   */
  readonly algorithm?: 'MERGE' | 'TEMPTABLE'
}

/**
 * A view's check option and security settings, those given and not at
 * their defaults: how two views' behaviour is compared, and what a model keeps.
 *
 * @example
 * viewBehaviour({ checkOption: 'cascaded', securityInvoker: false }) // { checkOption: 'cascaded' }
 */
export function viewBehaviour(view: Pick<View, 'checkOption' | 'securityInvoker' | 'securityBarrier'>): ViewBehaviour {
  return {
    ...(view.checkOption === undefined ? {} : { checkOption: view.checkOption }),
    ...(view.securityInvoker === true ? { securityInvoker: true } : {}),
    ...(view.securityBarrier === true ? { securityBarrier: true } : {}),
  }
}

/**
 * The part of a view {@link viewBehaviour} picks.
 *
 * @example
 * const behaviour: ViewBehaviour = { checkOption: 'local' }
 */
export type ViewBehaviour = Pick<View, 'checkOption' | 'securityInvoker' | 'securityBarrier'>
