import type { DatabaseUrl } from '../core/database-url.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed, openConnection } from '../dialect/registry.js'
import { withReadingConnection } from './connect.js'
import type { Tenant } from './tenant-list.js'

/**
 * Connections kept open across the tenants of one server, for the quick
 * reads of `--all` (where each tenant is): a tenant that is a schema or a
 * database of a server is entered on an idle connection to that server
 * (`SET search_path`, `USE`) rather than on a new one, which on PostgreSQL
 * costs a backend process each. Runs that migrate take their own
 * connection, with its lock, as a single run does.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { listTenants } from './tenant-list.js'
 * const project = await openProject({ directory: 'migrations' })
 * const sessions = new TenantSessions()
 * try {
 *   const [tenant] = await listTenants(project)
 *   await sessions.on(tenant!, (connection) => connection.query('SELECT 1'))
 * } finally {
 *   await sessions.close()
 * }
 */
export class TenantSessions {
  readonly #idle = new Map<string, DatabaseConnection[]>()

  /** Runs `read` on a connection to the tenant: a kept one entered into its scope, else one of its own. */
  async on<T>(tenant: Tenant, read: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    const scope = tenant.scope
    const scopes = scope === undefined ? null : dialectNamed(scope.server.dialect).tenantScopes
    if (scope === undefined || scopes === null) return withReadingConnection(tenant.url, read)
    const key = scope.server.redacted
    const idle = this.#idle.get(key) ?? []
    this.#idle.set(key, idle)
    // A failure to connect names the server, never the password (see openConnection).
    const connection = idle.pop() ?? (await this.#open(scope.server))
    let healthy = false
    try {
      await scopes.enter(connection, scope.name)
      const result = await read(connection)
      healthy = true
      return result
    } finally {
      // A connection whose read failed may be in any state: it is closed, not kept.
      if (healthy && !connection.inTransaction) idle.push(connection)
      else await connection.close().catch(() => undefined)
    }
  }

  /**
   * A new connection to the server, whose reads on a cluster node wait for
   * what the other nodes committed: a tenant read as at the target here is
   * skipped, and one just downgraded from another node must not be.
   */
  async #open(server: DatabaseUrl): Promise<DatabaseConnection> {
    const connection = await openConnection(server)
    try {
      await dialectNamed(connection.dialect).sessions?.readClusterCommits?.(connection)
      return connection
    } catch (error) {
      await connection.close().catch(() => undefined)
      throw error
    }
  }

  async close(): Promise<void> {
    const all = [...this.#idle.values()].flat()
    this.#idle.clear()
    await Promise.all(all.map((connection) => connection.close().catch(() => undefined)))
  }
}
