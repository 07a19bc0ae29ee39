import type { DatabaseUrl } from '../core/database-url.js'
import type { DatabaseConnection } from './driver.js'

/**
 * What a tenant's name stands for on a server that holds many (`tenants.pattern`,
 * and the names `tenants.query` returns): a schema of one PostgreSQL
 * database, a database of one MySQL/MariaDB server.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * import { parseDatabaseUrl } from '../core/database-url.js'
 * const scopes = dialectNamed('postgresql').tenantScopes!
 * scopes.urlOf(parseDatabaseUrl('postgresql://app:pw@db/app'), 'tenant_7').redacted // 'postgresql://app:***@db/app?schema=tenant_7'
 */
export interface TenantScopes {
  /** The word for one of them in messages: `schema` or `database`. */
  readonly noun: string
  /** A query for the names that match a `LIKE` pattern, one row each (column `name`), in name order. */
  matchingSql(pattern: string): string
  /** The URL that reaches the tenant `name` through the server `server` reaches. */
  urlOf(server: DatabaseUrl, name: string): DatabaseUrl
  /** Points a connection to the server at the tenant `name`, as a connection to its URL would be: one statement. */
  enter(connection: DatabaseConnection, name: string): Promise<void>
  /** How many of its tenants `--all` migrates at once when `--parallel` is not given. */
  readonly parallel: number
}
