import { openProject, type CommandOptions, type Project } from '../config/project.js'
import { describeOperationLines } from '../diff/describe.js'
import { compareOne, loadUnboundModels, type CompareOptions } from '../runtime/compare-models.js'
import { readHeadsOfProject } from '../runtime/connect.js'
import { fanOut, type FanOutOptions, type FanOutResult, type TenantWork } from '../runtime/fan-out.js'
import { runOnDatabase, type MigrateOptions, type Planner } from '../runtime/run-migrations.js'
import { stampOne, type StampOptions } from '../runtime/stamp-databases.js'
import { listTenants, tenantView, type Tenant } from '../runtime/tenant-list.js'
import { TenantSessions } from '../runtime/tenant-sessions.js'
import { readVersionRows } from '../runtime/version-rows.js'
import { currentOne } from './current.js'
import { statusOne } from './status.js'

/**
 * Options of `upgrade --all` and `downgrade --all`: a run's options, without
 * offline SQL, and how the fan-out goes.
 *
 * @example
 * const options: MigrateAllOptions = { directory: 'migrations', parallel: 8, onError: 'continue', canary: 10 }
 */
export interface MigrateAllOptions extends Omit<MigrateOptions, 'sql' | 'write' | 'reporter'>, FanOutOptions {}

/**
 * `upgrade --all`: every database the config's `tenants` names, up to the
 * target, `parallel` at once. The scripts load and compile once; a database
 * already at the target costs one read of its version table. Run it again
 * after a failure and it carries on: the databases it migrated are at the
 * target.
 *
 * @example
 * const { databases } = await upgradeAll({ directory: 'migrations', parallel: 8 })
 * const failed = databases.filter((row) => row.status === 'failed') // each with its error
 */
export function upgradeAll(options: MigrateAllOptions = {}, target: string = 'head'): Promise<FanOutResult> {
  return migrateAll(options, target, (graph, heads, destination) => graph.planUpgrade(heads, destination), 'upgrade')
}

/**
 * `downgrade --all`: every database of `tenants` down to the target (default `-1`).
 *
 * @example
 * await downgradeAll({ directory: 'migrations', onError: 'continue' }, 'base')
 */
export function downgradeAll(options: MigrateAllOptions = {}, target: string = '-1'): Promise<FanOutResult> {
  return migrateAll(options, target, (graph, heads, destination) => graph.planDowngrade(heads, destination), 'downgrade')
}

async function migrateAll(options: MigrateAllOptions, target: string, plan: Planner, verb: 'upgrade' | 'downgrade'): Promise<FanOutResult> {
  const { project, tenants } = await openTenants(options)
  const { graph } = await project.scripts()
  return fanTenants(project, tenants, options, async (view, watch, reads) => {
    // Without the lock: a database at the target needs nothing more. The run re-reads under its lock.
    // A database without a version table that has steps to take goes straight to that run, which
    // also weighs a missing version table against the history: read here, it would be read twice.
    const rows = await reads.versionRows()
    const heads = rows === undefined && plan(graph, [], target).length === 0 ? await reads.heads() : (rows ?? [])
    watch.from(heads)
    graph.checkHeads(heads)
    if (plan(graph, heads, target).length === 0) return { from: heads, to: heads, status: 'up to date' }
    const run = await runOnDatabase(view, { ...options, reporter: watch.reporter }, target, plan, verb)
    return { from: run.from, to: run.to, status: run.changed ? 'migrated' : 'up to date', steps: run.steps.length }
  })
}

/**
 * `stamp --all`: every database of `tenants` stamped with the targets.
 *
 * @example
 * await stampAll({ directory: 'migrations', parallel: 4 }, ['head'])
 */
export async function stampAll(
  options: Omit<StampOptions, 'sql' | 'write'> & FanOutOptions,
  targets: readonly string[],
): Promise<FanOutResult> {
  const { project, tenants } = await openTenants(options)
  return fanTenants(project, tenants, options, async (view, watch) => {
    const stamped = await stampOne(view, options, targets)
    watch.from(stamped.from)
    const same = stamped.from.join(',') === stamped.to.join(',')
    return { from: stamped.from, to: stamped.to, status: same ? 'up to date' : 'stamped' }
  })
}

/**
 * `current --all`: each database's revisions, `pending` where they are not the heads.
 *
 * @example
 * const behind = (await currentAll({ directory: 'migrations' })).databases.filter((row) => row.status === 'pending')
 */
export async function currentAll(options: CommandOptions & FanOutOptions = {}): Promise<FanOutResult> {
  const { project, tenants } = await openTenants(options)
  const heads = [...(await project.scripts()).graph.heads].sort()
  return fanTenants(project, tenants, options, async (view) => {
    const revisions = (await currentOne(view)).revisions.map((one) => one.revision)
    return { from: revisions, to: heads, status: revisions.join(',') === heads.join(',') ? 'up to date' : 'pending' }
  })
}

/**
 * `status --all`: each database's pending revisions and whether it is up to date.
 *
 * @example
 * const { databases } = await statusAll({ directory: 'migrations', parallel: 8 })
 * databases.every((row) => row.status === 'up to date') // nothing to run anywhere
 */
export async function statusAll(options: CommandOptions & FanOutOptions = {}): Promise<FanOutResult> {
  const { project, tenants } = await openTenants(options)
  return fanTenants(project, tenants, options, async (view) => {
    const found = await statusOne(view)
    const details = found.pending.map((one) => `${one.revision} ${one.message}`)
    return { from: found.current, to: found.heads, status: found.upToDate ? 'up to date' : 'pending', steps: found.pending.length, details }
  })
}

/**
 * `check --all`: the models against every database of `tenants`, loaded once.
 *
 * @example
 * const drifted = (await checkAll({ directory: 'migrations' })).databases.filter((row) => row.status === 'drift')
 */
export async function checkAll(options: CompareOptions & FanOutOptions = {}): Promise<FanOutResult> {
  const { project, tenants } = await openTenants(options)
  const models = Promise.resolve(await loadUnboundModels(project, options))
  const heads = [...(await project.scripts()).graph.heads].sort()
  return fanTenants(project, tenants, options, async (view) => {
    const differences = (await compareOne(view, models, options)).ops.flatMap(describeOperationLines)
    return {
      from: heads,
      to: heads,
      status: differences.length === 0 ? 'up to date' : 'drift',
      steps: differences.length,
      details: differences,
    }
  })
}

async function openTenants(options: CommandOptions): Promise<{ project: Project; tenants: Tenant[] }> {
  const project = await openProject(options)
  return { project, tenants: await listTenants(project) }
}

/** Quick reads of one tenant's version rows, on a kept connection and without the lock. */
interface TenantReads {
  /** Its heads; a missing version table is checked against the history (see readHeadsOfProject). */
  heads(): Promise<string[]>
  /** Its version rows, `undefined` without a version table (see readVersionRows). */
  versionRows(): Promise<string[] | undefined>
}

/**
 * Each tenant's work on its view of the project, with quick reads of its
 * version rows on a kept connection; a failed tenant's row says where it was left.
 */
async function fanTenants(
  project: Project,
  tenants: readonly Tenant[],
  options: FanOutOptions,
  work: (view: Project, watch: Parameters<TenantWork>[1], reads: TenantReads) => ReturnType<TenantWork>,
): Promise<FanOutResult> {
  const sessions = new TenantSessions()
  const headsOf = (tenant: Tenant) => sessions.on(tenant, (connection) => readHeadsOfProject(connection, tenantView(project, tenant)))
  const readsOf = (tenant: Tenant): TenantReads => ({
    heads: () => headsOf(tenant),
    versionRows: () => sessions.on(tenant, (connection) => readVersionRows(connection, project.versionTable)),
  })
  try {
    return await fanOut(tenants, (tenant, watch) => work(tenantView(project, tenant), watch, readsOf(tenant)), {
      ...options,
      whereabouts: headsOf,
    })
  } finally {
    await sessions.close()
  }
}

export type { FanOutOptions, FanOutProgress, FanOutResult, TenantResult, TenantStatus } from '../runtime/fan-out.js'
