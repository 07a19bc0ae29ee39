import { formatDuration } from '../config/duration.js'
import type { RunTimeouts } from '../config/run-timeouts.js'
import type { SessionTimeouts } from '../dialect/session-timeouts.js'
import { runnerLockTimeout } from './ddl-lock-retry.js'
import type { MigrationExecutor } from './executor.js'

/** What runs a migration that no transaction covers: see DdlLockRetry.outsideTransaction. */
export interface OutsideTransaction {
  outsideTransaction(work: () => Promise<void>): Promise<void>
}

/** The lock timeout of an offline script: how it opens, and what it writes around a migration outside a transaction. */
export interface ScriptLockTimeoutPlan extends OutsideTransaction {
  /** The comment and statements before the script's first statement; `''` when the run sets none. */
  readonly opening: string
}

/**
 * The lock timeout an offline script (`upgrade --sql`) sets, where and as
 * a live run sets it (see ddlLockPolicy): the user's ddlLockTimeout for the
 * whole script; else the dialect's default, only where the session running
 * the script has no lock timeout of its own, and lifted around a migration
 * outside a transaction (DdlLockRetry.outsideTransaction); nothing for 0,
 * nor where no statement sets it. A script cannot retry a migration that
 * ran into it: the client stops there (psql with ON_ERROR_STOP).
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import { OfflineExecutor } from './offline-executor.js'
 * const dialect = dialectNamed('postgresql')
 * const executor = new OfflineExecutor(dialect, 'athanor_version', (text) => process.stdout.write(text))
 * scriptLockTimeout({ ddlLockTimeoutMs: 5_000 }, dialect.sessionTimeouts, executor).opening
 * // '-- ddlLockTimeout: 5 s\n\nSET lock_timeout = 5000;\n\n'
 */
export function scriptLockTimeout(timeouts: RunTimeouts, session: SessionTimeouts, executor: MigrationExecutor): ScriptLockTimeoutPlan {
  const runner = runnerLockTimeout(timeouts, session)
  const script = session.scriptLockTimeout
  const statements = (sqls: readonly string[]) => sqls.map((sql) => `${sql};\n\n`).join('')
  const inline: OutsideTransaction = { outsideTransaction: (work) => work() }
  if (script === null || runner.timeoutMs === undefined) return { opening: '', ...inline }
  const ms = runner.timeoutMs
  const limit = formatDuration(ms)
  if (runner.source === 'option') return { opening: `-- ddlLockTimeout: ${limit}\n\n${statements(script.set(ms))}`, ...inline }
  const { setDefault, resetDefault } = script
  if (setDefault === undefined || resetDefault === undefined) return { opening: '', ...inline }
  const reset = async (value: number) => {
    for (const sql of resetDefault(value)) await executor.run({ kind: 'execute', sql })
  }
  const comment = `-- ddlLockTimeout: athanor's default lock timeout (${limit}), where the session has none of its own`
  return {
    opening: `${comment}\n\n${statements(setDefault(ms))}`,
    async outsideTransaction(work) {
      await executor.note("outside a transaction: without athanor's default lock timeout, as a live run")
      await reset(0)
      await work()
      await reset(ms)
    },
  }
}
