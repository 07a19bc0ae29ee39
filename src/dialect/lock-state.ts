/**
 * Whether the migration lock is held at this moment, and by whom when the
 * database can tell (a PostgreSQL backend, a MySQL connection, a Galera
 * lock row's owner). A snapshot for `status`: it may change right after.
 *
 * @example
 * const state: LockState = { held: true, holder: 'pid 4242 (user app, application athanor, from 10.0.0.7)' }
 */
export interface LockState {
  readonly held: boolean
  /** Who holds it, safe to print; absent when free or when the database cannot say. */
  readonly holder?: string
}
