import type { TenantsConfig } from '../config/config.js'
import type { Project } from '../config/project.js'
import type { DatabaseUrl } from '../core/database-url.js'
import { AthanorError } from '../core/errors.js'
import { showValue } from '../core/show-value.js'
import { dialectNamed } from '../dialect/registry.js'
import type { TenantScopes } from '../dialect/tenant-scopes.js'
import { withReadingConnection } from './connect.js'

/** One database of `--all`: the name its lines and results carry, and its URL. */
export interface Tenant {
  /** A schema or database name for `query` and `pattern`; the redacted URL for a listed or returned URL. */
  readonly name: string
  readonly url: DatabaseUrl
  /** A schema or database of a server (`pattern`, or a name `query` returned): the server and the name, for kept connections. */
  readonly scope?: { readonly server: DatabaseUrl; readonly name: string }
}

/**
 * The databases the config's `tenants` names, in the order they run: the
 * listed URLs, the rows of the query, or the schemas or databases matching
 * the pattern, read from the control database once.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const tenants = await listTenants(await openProject({ directory: 'migrations' })) // tenants: { pattern: 'tenant_%' }
 * tenants.map((tenant) => tenant.name) // ['tenant_1', 'tenant_2']
 */
export async function listTenants(project: Project): Promise<Tenant[]> {
  const source = project.config.tenants
  const configFile = project.configFile ?? 'the config'
  if (source === undefined) {
    throw new AthanorError('NO_TENANTS', `--all needs a 'tenants' section in ${configFile}: tenants: { urls }, { query } or { pattern }`)
  }
  if (source.urls !== undefined) return source.urls.map((setting) => byUrl(project.configuredUrl(setting)))
  const server = source.url === undefined ? project.databaseUrl() : project.configuredUrl(source.url)
  const scopes = dialectNamed(server.dialect).tenantScopes
  const option = source.pattern === undefined ? 'tenants.query' : 'tenants.pattern'
  const named = (name: string): Tenant => {
    if (scopes === null) {
      throw new AthanorError(
        'INVALID_TENANT',
        `${option} in ${configFile} found '${name}', a name, but ${server.redacted} holds no other databases; list URLs instead`,
      )
    }
    return { name, url: scopes.urlOf(server, name), scope: { server, name } }
  }
  // On a cluster node, a tenant another node just created is listed too.
  const values = await withReadingConnection(server, async (connection) => {
    const rows = await connection.query(querySql(source, scopes, option, server, configFile))
    return rows.map((row) => Object.values(row)[0])
  })
  return values.map((value, index) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AthanorError(
        'INVALID_TENANT',
        `${option} in ${configFile} returned ${showValue(value)} in row ${index + 1}; each row's first column must be a URL or a name`,
      )
    }
    return value.includes('://') ? byUrl(project.configuredUrl(value)) : named(value)
  })
}

function querySql(source: TenantsConfig, scopes: TenantScopes | null, option: string, server: DatabaseUrl, configFile: string): string {
  if (source.pattern === undefined) return source.query ?? ''
  if (scopes === null) {
    throw new AthanorError(
      'INVALID_CONFIG',
      `${configFile}: ${option} needs a PostgreSQL or MySQL/MariaDB server, not ${server.redacted}; list SQLite files in tenants.urls`,
    )
  }
  return scopes.matchingSql(source.pattern)
}

const byUrl = (url: DatabaseUrl): Tenant => ({ name: url.redacted, url })

/**
 * The project as one tenant sees it: its URL, and everything else shared,
 * the scripts above all, which load and compile once for every tenant.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * const [first] = await listTenants(project)
 * tenantView(project, first!).databaseUrl().redacted // the first tenant's URL
 */
export function tenantView(project: Project, tenant: Tenant): Project {
  return { ...project, databaseUrl: () => tenant.url }
}
