import { AthanorError } from '../core/errors.js'
import { scrubSecrets } from '../core/database-url.js'
import { dialectNamed } from '../dialect/registry.js'
import { silentReporter, type RunReporter } from './reporter.js'
import type { Tenant } from './tenant-list.js'

/**
 * How `--all` goes through its databases.
 *
 * @example
 * const options: FanOutOptions = { parallel: 8, onError: 'continue', canary: 5 }
 * await upgradeAll({ directory: 'migrations', ...options })
 */
export interface FanOutOptions {
  /**
   * How many databases run at once, each on its own connection and under its
   * own lock. Default: what their dialect suggests (see {@link defaultParallel}).
   */
  readonly parallel?: number
  /** `stop` (default): start no other database after one fails; those left are `not run`. `continue`: run every one. */
  readonly onError?: 'stop' | 'continue'
  /** Run the first N databases first; if any of them fails, stop there whatever `onError` says (default 0). */
  readonly canary?: number
  /** Stops the fan-out: no other database starts, and the ones running stop as a single run would. */
  readonly signal?: AbortSignal
  /** Hears each database start, move through its steps, and finish. */
  readonly progress?: FanOutProgress
}

/** What the CLI's live table and plain lines are drawn from. */
export interface FanOutProgress {
  /** A database starts; its steps are reported through the reporter returned. */
  started(tenant: string): RunReporter | undefined
  finished(result: TenantResult, done: number, total: number): void
}

/**
 * Where one database ended: `migrated` or `stamped` (it changed), `up to
 * date` (at the target already, or in agreement with the models),
 * `pending` (status and current: migrations to run), `drift` (check: the
 * models differ), `failed`, or `not run` (a failure or a signal stopped
 * the fan-out before it started).
 *
 * @example
 * const { databases } = await upgradeAll({ directory: 'migrations' })
 * const left: TenantStatus[] = ['failed', 'not run'] // rerun to finish these
 * databases.filter((row) => left.includes(row.status))
 */
export type TenantStatus = 'migrated' | 'stamped' | 'up to date' | 'pending' | 'drift' | 'failed' | 'not run'

/** What a command's work on one database reports. */
export interface TenantOutcome {
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly status: Exclude<TenantStatus, 'failed' | 'not run'>
  /** The migrations it ran (upgrade, downgrade), or the differences it found (check). */
  readonly steps?: number
  /** Lines that say more: pending revisions, differences. */
  readonly details?: readonly string[]
}

/**
 * One row of the final table and of `--json`.
 *
 * @example
 * const row: TenantResult = { database: 'tenant_1', from: [], to: ['ae10'], status: 'migrated', durationMs: 84, steps: 20 }
 */
export interface TenantResult {
  readonly database: string
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly status: TenantStatus
  readonly durationMs: number
  readonly steps?: number
  readonly details?: readonly string[]
  /** Why it failed, one line, password redacted. */
  readonly error?: string
  /** Its error code, when it is athanor's. */
  readonly code?: string
}

/**
 * What `--all` did: one row per database in the order they were listed, and
 * why it stopped early, if it did.
 *
 * @example
 * const { databases, stopped } = await upgradeAll({ directory: 'migrations', parallel: 4 })
 * if (stopped !== undefined) console.error(`stopped by ${stopped}; rerun to continue`)
 */
export interface FanOutResult {
  readonly databases: readonly TenantResult[]
  /** Set when databases were left `not run`: a failed canary, a failure under `onError: 'stop'`, or the AbortSignal. */
  readonly stopped?: 'canary' | 'failure' | 'signal'
}

/** Tells what a tenant is at as soon as it is known, so a failure later still shows where it started. */
export interface TenantWatch {
  readonly reporter: RunReporter
  from(heads: readonly string[]): void
}

export type TenantWork = (tenant: Tenant, watch: TenantWatch) => Promise<TenantOutcome>

/**
 * Runs `work` on every tenant, at most `parallel` at once: the canaries
 * first, then the rest. A failure is that tenant's row, not the whole
 * command's; `whereabouts` reads where a failed tenant was left.
 *
 * @example
 * import { parseDatabaseUrl } from '../core/database-url.js'
 * const tenants = ['a', 'b'].map((name) => ({ name, url: parseDatabaseUrl(`sqlite:///${name}.db`) }))
 * const result = await fanOut(tenants, async () => ({ from: [], to: [], status: 'up to date' }), { parallel: 4 })
 * result.databases.length // 2
 */
export async function fanOut(
  tenants: readonly Tenant[],
  work: TenantWork,
  options: FanOutOptions & { readonly whereabouts?: (tenant: Tenant) => Promise<readonly string[]> },
): Promise<FanOutResult> {
  const parallel = options.parallel ?? defaultParallel(tenants)
  const canary = Math.min(options.canary ?? 0, tenants.length)
  const results: Array<TenantResult | undefined> = new Array(tenants.length)
  let done = 0
  let failures = 0

  const runOne = async (index: number): Promise<void> => {
    const tenant = tenants[index]!
    const started = performance.now()
    let from: readonly string[] = []
    const reporter = options.progress?.started(tenant.name) ?? silentReporter
    let result: TenantResult
    try {
      const outcome = await work(tenant, { reporter, from: (heads) => (from = heads) })
      result = { database: tenant.name, ...outcome, durationMs: performance.now() - started }
    } catch (error) {
      failures++
      const to = await (options.whereabouts?.(tenant) ?? Promise.resolve(from)).catch(() => from)
      result = { database: tenant.name, from, to, status: 'failed', durationMs: performance.now() - started, ...failure(error, tenant) }
    }
    results[index] = result
    options.progress?.finished(result, ++done, tenants.length)
  }

  const runRange = async (first: number, end: number, mayStart: () => boolean): Promise<void> => {
    let next = first
    const worker = async () => {
      while (next < end && mayStart()) await runOne(next++)
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, end - first)) }, worker))
  }

  const signalled = () => options.signal?.aborted === true
  // Each running step listens for 'beforeExit' (StepGuard): several databases at once are not a
  // leak, and Node's warning past ten listeners would say they were.
  const listeners = process.getMaxListeners()
  process.setMaxListeners(listeners + 2 * parallel)
  let canaryFailed = false
  try {
    await runRange(0, canary, () => !signalled())
    canaryFailed = failures > 0
    if (!canaryFailed) await runRange(canary, tenants.length, () => !signalled() && (options.onError === 'continue' || failures === 0))
  } finally {
    process.setMaxListeners(listeners)
  }
  const stopped = !results.includes(undefined) ? undefined : signalled() ? 'signal' : canaryFailed ? 'canary' : 'failure'
  const rows = tenants.map(
    (tenant, index): TenantResult => results[index] ?? { database: tenant.name, from: [], to: [], status: 'not run', durationMs: 0 },
  )
  return { databases: rows, ...(stopped === undefined ? {} : { stopped }) }
}

/**
 * How many of `tenants` run at once without `--parallel`: 4 for databases of
 * a MySQL/MariaDB server, 1 for PostgreSQL and SQLite; the fewest of those
 * when the list mixes them.
 *
 * @example
 * import { parseDatabaseUrl } from '../core/database-url.js'
 * defaultParallel([{ name: 'a', url: parseDatabaseUrl('mysql://root@127.0.0.1/a') }]) // 4
 */
export function defaultParallel(tenants: readonly Tenant[]): number {
  const suggested = tenants.map((tenant) => dialectNamed(tenant.url.dialect).tenantScopes?.parallel ?? 1)
  return suggested.length === 0 ? 1 : Math.min(...suggested)
}

/** A failure as one line without the password, and its code when it is athanor's. */
function failure(error: unknown, tenant: Tenant): { error: string; code?: string } {
  const message = error instanceof Error ? error.message : String(error)
  const line = scrubSecrets(message.split('\n')[0] ?? message, tenant.url)
  return { error: line, ...(error instanceof AthanorError ? { code: error.code } : {}) }
}
