import { openProject } from '../config/project.js'
import type { Dialect } from '../dialect/dialect.js'
import { dialectNamed } from '../dialect/registry.js'
import { databaseFileMissing } from '../runtime/database-presence.js'
import { fanOut, type FanOutOptions, type FanOutResult } from '../runtime/fan-out.js'
import { listTenants, type Tenant, tenantView } from '../runtime/tenant-list.js'
import { TenantSessions } from '../runtime/tenant-sessions.js'
import type { LintReport } from './finding.js'
import { checkedRuleCodes, type LintOptions, type LiveFacts, lintKnown, rank, readLiveFacts, ruleInfos } from './lint-project.js'

/**
 * `lint --all`: lint's options, without `--offline` (each tenant is read),
 * and how the tenants are gone through.
 *
 * @example
 * const options: LintAllOptions = { directory: 'migrations', parallel: 8 }
 */
export interface LintAllOptions extends Omit<LintOptions, 'offline'>, FanOutOptions {}

/**
 * Tenants that run the same revisions from the same place on the same
 * server version: their SQL is the same, so it is linted once. Each
 * finding's `rows` is the most any of them holds in that table.
 *
 * @example
 * declare const group: TenantLintGroup
 * console.log(`${group.databases.join(', ')}: ${group.report.findings.length} findings`)
 */
export interface TenantLintGroup {
  readonly databases: readonly string[]
  readonly report: LintReport
}

/**
 * What `lint --all` found: the groups of tenants with revisions to lint,
 * and per tenant `pending` (revisions to run), `up to date`, or `failed`
 * (it could not be read; the row says why).
 *
 * @example
 * const { groups, tenants } = await lintAll({ directory: 'migrations' })
 * tenants.databases.filter((row) => row.status === 'failed')
 */
export interface LintAllReport {
  readonly groups: readonly TenantLintGroup[]
  readonly tenants: FanOutResult
}

interface ReadTenant {
  readonly tenant: Tenant
  readonly dialect: Dialect
  /** `undefined` for a SQLite file that does not exist yet: it is at base. */
  readonly live: LiveFacts | undefined
}

/**
 * Lints every tenant database of the config's `tenants`: each one's
 * revisions not yet applied, for its server's version. Reading the tenants
 * goes `parallel` at once; tenants that share their pending revisions and
 * version are linted once together, so a thousand tenants at one revision
 * cost one lint.
 *
 * @example
 * const { groups } = await lintAll({ directory: 'migrations', parallel: 8 })
 * groups.flatMap((group) => group.report.findings).filter((finding) => finding.severity === 'error').length // 0 lets CI go on
 */
export async function lintAll(options: LintAllOptions = {}): Promise<LintAllReport> {
  const project = await openProject(options)
  const known = checkedRuleCodes(project)
  const tenants = await listTenants(project)
  const { graph } = await project.scripts()
  const heads = [...graph.heads].sort()
  const read: ReadTenant[] = []
  // Schemas or databases of one server are read on connections kept open to it, as upgrade --all reads them.
  const sessions = new TenantSessions()
  const readTenant = (tenant: Tenant, dialect: Dialect) =>
    databaseFileMissing(tenant.url)
      ? undefined
      : sessions.on(tenant, (connection) => readLiveFacts(connection, tenantView(project, tenant), dialect))
  const tenantsResult = await fanOut(
    tenants,
    async (tenant, watch) => {
      const dialect = dialectNamed(tenant.url.dialect)
      const live = await readTenant(tenant, dialect)
      const from = [...(live?.heads ?? [])].sort()
      watch.from(from)
      read.push({ tenant, dialect, live })
      const pending = graph.planUpgrade(from, 'heads').length
      return { from, to: heads, status: pending === 0 ? 'up to date' : 'pending', steps: pending }
    },
    options,
  ).finally(() => sessions.close())
  const groups: TenantLintGroup[] = []
  for (const members of groupTenants(read, tenants)) {
    const first = members[0]!
    const live = first.live === undefined ? undefined : { ...first.live, rows: mostRows(members) }
    const linted = await lintKnown(tenantView(project, first.tenant), first.dialect, live, options, known)
    if (linted.revisions.length === 0) continue
    const { findings, ...database } = linted
    groups.push({
      databases: members.map((member) => member.tenant.name),
      report: { findings: rank(findings), rules: ruleInfos([first.dialect.name]), databases: [database] },
    })
  }
  return { groups, tenants: tenantsResult }
}

/** The tenants read, in the config's order, grouped by dialect, server version and where they are. */
function groupTenants(read: readonly ReadTenant[], order: readonly Tenant[]): ReadTenant[][] {
  const byKey = new Map<string, ReadTenant[]>()
  const position = new Map(order.map((tenant, index) => [tenant, index]))
  const listed = [...read].sort((a, b) => (position.get(a.tenant) ?? 0) - (position.get(b.tenant) ?? 0))
  for (const one of listed) {
    const key = JSON.stringify([one.dialect.name, one.live?.version ?? null, [...(one.live?.heads ?? [])].sort()])
    const group = byKey.get(key)
    if (group === undefined) byKey.set(key, [one])
    else group.push(one)
  }
  return [...byKey.values()]
}

/** Per table, the most rows any of the tenants holds: what the findings are ranked and filtered by. */
function mostRows(members: readonly ReadTenant[]): Map<string, number> {
  const rows = new Map<string, number>()
  for (const member of members) {
    for (const [table, count] of member.live?.rows ?? []) rows.set(table, Math.max(rows.get(table) ?? 0, count))
  }
  return rows
}
