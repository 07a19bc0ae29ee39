import { AthanorError, isAthanorError } from '../core/errors.js'
import { type CallSites, Operations } from '../ops/operations.js'
import type { PlanStep } from '../revision/types.js'
import { describeStep } from '../revision/describe-step.js'
import type { MigrationModule, MigrationScript, ScriptDirectory } from '../script/script-directory.js'
import type { TransactionMode } from '../config/config.js'
import { StepIsolationRequired } from '../dialect/dialect.js'
import { markRunning, withoutProcessExit } from '../core/thrown.js'
import type { MigrationExecutor } from './executor.js'
import type { HistoryStep } from './history-entry.js'
import type { HistoryWriter } from './history-writer.js'
import type { RunReporter } from './reporter.js'
import { runJournaledStep } from './run-step-journaled.js'
import { loadPlanModules } from './load-modules.js'
import { stepFailure } from './step-failure.js'
import { beginLockTimeout } from './begin-lock-wait.js'
import { reportOnCommit } from './commit-reports.js'
import { lostCommit } from './lost-commit.js'
import { StepStopped, type StepGuard } from './step-guard.js'
import type { DdlLockRetry, RetryVerdict } from './ddl-lock-retry.js'
import type { OutsideTransaction } from './script-lock-timeout.js'
import { headsAfterStop, stoppedStepError } from './stopped-step.js'
import { guardTransactions, recordRunnerFailure, type StepSession } from './transaction-guard.js'
import type { StatementLog } from './statement-log.js'
import { journalLockWait } from './journal-lock-wait.js'
import { applyVersionChanges } from '../revision/version-table.js'
import { checkVersionRows, sameVersionRows, showVersionRows } from './version-rows.js'
import {
  type AfterBegin,
  autocommit,
  savepointPerStep,
  singleTransaction,
  transactionPerStep,
  withinIsolation,
  type StepTransactions,
} from './step-transactions.js'

export interface RunOptions {
  readonly transactionMode: TransactionMode
  /** `-x key=value` arguments handed to the scripts. */
  readonly x: Readonly<Record<string, string>>
  readonly tag?: string
  readonly reporter: RunReporter
  /** Create the version table first (a live run, or an offline run from base). */
  readonly createVersionTable: boolean
  /** Live runs: where each step is recorded, on the executor's connection. */
  readonly history?: HistoryWriter
  /** Live runs: the statements the executor's connection ran, for failure reports. */
  readonly statements?: StatementLog
  /**
   * Live runs: the version rows the plan was made from, read under the
   * migration lock. Each time the run opens a transaction it reads them
   * again and stops if they are not what it left: a second runner that
   * reached the same SQLite file by another path (a hard link, a bind mount)
   * holds another lock file, but not another write lock.
   */
  readonly startHeads?: readonly string[]
  /** Live runs: what stops a script midway (a signal, stepTimeout, a wait for nothing); see StepGuard. */
  readonly guard?: StepGuard
  /** Live runs: runs a migration again after its lock wait timed out; see DdlLockRetry. */
  readonly ddlLockRetry?: DdlLockRetry
  /** Offline runs: the script's lock timeout around a migration outside a transaction, as DdlLockRetry's live. */
  readonly scriptLockTimeout?: OutsideTransaction
  /** Where each operation reaching the executor was called from (`athanor lint` reports by line). */
  readonly callSites?: CallSites
}

/**
 * Runs a plan's steps in order. Per-migration mode makes each script atomic
 * with its version-row change and its history row, so a failure leaves the
 * database exactly at the last revision that succeeded; single mode is all
 * or nothing. A step that cannot be atomic (MySQL's implicit DDL commits,
 * or a script exporting `transactional = false`) is journaled instead: see
 * runJournaledStep.
 * Every script of the plan is imported before anything runs: a script that
 * does not load must not leave the database half-way along the plan.
 */
export async function runPlan(
  given: MigrationExecutor,
  scripts: ScriptDirectory,
  steps: readonly PlanStep[],
  options: RunOptions,
): Promise<void> {
  // A step is reported finished once it has committed, not when its script returns.
  const reports = reportOnCommit(given, options.reporter)
  const executor = reports.executor
  const modules = await loadPlanModules(scripts, steps)
  const transactionalDdl = executor.databaseDialect.capabilities.transactionalDdl
  const atomic = (module: MigrationModule) => transactionalDdl && module.transactional !== false
  const stepSession = (module: MigrationModule): StepSession =>
    atomic(module) ? 'runner' : module.transactional === false ? 'script' : 'journal'
  if (options.transactionMode === 'single' && transactionalDdl) refuseNonTransactional(steps, modules, scripts)
  let expected: readonly string[] = options.startHeads ?? []
  const startHeads = options.startHeads
  const readsBack = startHeads !== undefined && !executor.offline
  const afterBegin =
    readsBack && !executor.databaseDialect.capabilities.lockSeesEveryRunner
      ? async () => checkVersionRows(await executor.readVersionRows(), expected)
      : undefined
  const chosen = chooseTransactions(executor, options.transactionMode, transactionalDdl, afterBegin)
  const beginTimedOut = (error: unknown) =>
    beginLockTimeout(error, executor.databaseDialect.sessionTimeouts, options.ddlLockRetry?.policy.timeoutMs)
  // A commit per migration without a disk flush per commit, where the
  // dialect allows it; durable again, all of it, before the run returns.
  const durability = executor.offline ? null : executor.databaseDialect.runDurability
  const execute = async (sql: string) => executor.run({ kind: 'execute', sql })
  for (const sql of durability?.relax ?? []) await execute(sql)
  try {
    await runSteps(chosen)
  } catch (error) {
    if (!(error instanceof StepIsolationRequired)) throw error
    // Single mode: the run's one transaction is rolled back; the whole run
    // goes again as one isolated transaction, checked once before COMMIT.
    await executor.isolated(() => runSteps(withinIsolation()), undefined, runBeginFailure)
  } finally {
    try {
      for (const sql of durability?.restore ?? []) await execute(sql)
    } catch {
      // A broken connection has nothing more to flush; the run's own error is the one to report.
    }
  }

  /** One transaction for the whole run (single mode, isolated or not): its BEGIN is not retried, its wait is named. */
  function runBeginFailure(error: unknown): unknown {
    const timedOut = steps[0] === undefined ? undefined : beginTimedOut(error)
    if (timedOut === undefined) return error
    return stepFailure(timedOut, steps[0]!, scripts.script(steps[0]!.revision).source)
  }

  async function runSteps(transactions: StepTransactions): Promise<void> {
    expected = startHeads ?? []
    try {
      await transactions.startRun()
    } catch (error) {
      throw runBeginFailure(error)
    }
    // Each unit either ends its step or fails it; failStep is called once.
    // A step that turns out to need the dialect's isolation (a SQLite table
    // rebuild under enforced foreign keys) is undone and run again apart,
    // between the run's transactions; in single mode the whole run is.
    // A migration whose lock wait timed out is retried as a whole, `retried`
    // names it; never in single mode, whose rollback undid the whole run.
    // `waiting`: the step whose transaction a BEGIN opens, named when that BEGIN waits too long for a lock.
    const atomically = async (
      work: () => Promise<void>,
      onFailure: (error: unknown) => Promise<Error>,
      step?: PlanStep,
      waiting: PlanStep | undefined = step,
    ) => {
      const retried = step?.revision
      // Returns when a lock wait timed out with retries left (the attempt was rolled back); else throws the step's failure.
      const retryOrFail = async (error: unknown, attempt: number): Promise<void> => {
        const verdict = await retryVerdict(error, attempt, retried).catch(onFailure)
        if (verdict instanceof Error) throw verdict
        if (!verdict.again) throw await onFailure(verdict.error)
      }
      for (let attempt = 1; ; attempt++) {
        try {
          await transactions.startStep()
        } catch (error) {
          // Nothing of the step ran, and no transaction is left open: retried like a statement's lock wait.
          const timedOut = waiting === undefined ? undefined : beginTimedOut(error)
          if (timedOut === undefined || waiting === undefined) throw error
          const verdict = await retryVerdict(timedOut, attempt, waiting.revision)
          if (verdict.again) continue
          throw stepFailure(verdict.error, waiting, scripts.script(waiting.revision).source)
        }
        try {
          await work()
        } catch (error) {
          try {
            await transactions.failStep()
          } catch (undoError) {
            // A session the server ended took its transaction with it: nothing is left to undo, nothing to retry.
            if (isAthanorError(undoError, 'CONNECTION_LOST')) throw await onFailure(error)
            // Undoing the step commits the ones before it (savepointPerStep): that commit failed too.
            const lost = reports.uncommitted()
            if (lost.length === 0) throw undoError
            throw lostCommit(undoError, lost, (await onFailure(error)).message)
          }
          if (!(error instanceof StepIsolationRequired)) {
            await retryOrFail(error, attempt)
            continue
          }
          if (options.transactionMode === 'single') throw error
          const guard = options.guard
          try {
            await executor.isolated(work, guard && step ? () => guard.stopIfSignalled() : undefined, (e) => beginTimedOut(e) ?? e)
          } catch (isolatedError) {
            // Rolled back as a whole, like the step's own attempt: a lock
            // wait that timed out in it, its BEGIN's included (another
            // session took the write lock after the rollback), is retried too.
            await retryOrFail(isolatedError, attempt)
            continue
          }
          await transactions.resume()
          return
        }
        try {
          await transactions.endStep()
        } catch (error) {
          // What the failed commit lost: the steps that waited for it, and this one.
          throw commitFailure(error, [...reports.uncommitted(), ...(step === undefined ? [] : [step])])
        }
        return
      }
    }
    const retryVerdict = async (error: unknown, attempt: number, revision: string | undefined): Promise<RetryVerdict> => {
      const retry = options.ddlLockRetry
      if (retry === undefined || revision === undefined || options.transactionMode === 'single') return { again: false, error }
      return retry.after(error, attempt, revision, (line) => options.reporter.notice?.(line))
    }
    if (options.createVersionTable) {
      await atomically(
        async () => {
          await executor.ensureVersionTable()
          await options.history?.ensureTable()
        },
        async (error) => error as Error,
        undefined,
        steps[0],
      )
    }
    // Whether the previous journaled step already wrote this one's `started` row.
    let nextStartedRecorded = false
    for (const [index, step] of steps.entries()) {
      const script = scripts.script(step.revision)
      const module = modules[index]!
      const started = performance.now()
      const startedAt = new Date()
      const entry = historyStep(step, script)
      // The version rows once this step is done: the transactions the run
      // opens after it (and the step's own read-back) must find them.
      const after = readsBack ? applyVersionChanges(expected, step.versionChanges) : expected
      const runScriptOnly = async (stopped?: () => boolean) => {
        markRunning({ revision: step.revision, direction: step.direction, source: script.source })
        // Only an offline script writes the note: a live run would build its text for nothing, each step.
        if (executor.offline) await executor.note(describeStep(step, script.message))
        const transactionGuard = guardTransactions(executor, step.revision, stepSession(module), stopped)
        const op = new Operations(
          transactionGuard.sink,
          {
            revision: step.revision,
            direction: step.direction,
            x: options.x,
            source: script.source,
            ...(options.tag === undefined ? {} : { tag: options.tag }),
          },
          options.callSites,
        )
        await withoutProcessExit('the script', async () => {
          await module[step.direction](op)
          await op.settle()
        })
        await transactionGuard.verifyEnd()
        markRunning(undefined)
      }
      const nextModule = modules[index + 1]
      // The step's record carried its COMMIT: its report need not wait for another.
      let closedWithRecord = false
      const guard = options.guard
      const guarded = guard ? () => guard.run(runScriptOnly, false) : runScriptOnly
      const lockRetry = options.ddlLockRetry
      const outside = lockRetry ?? options.scriptLockTimeout
      const runScript = outside === undefined ? guarded : () => outside.outsideTransaction(guarded)
      options.reporter.stepStarted(step, index, steps.length, script.message)
      if (atomic(module)) {
        const record = async () => {
          const historyRow = options.history ? [options.history.succeededStatement(entry, startedAt)] : []
          // The step's COMMIT, and the next step's BEGIN when it runs in the runner's transaction too.
          const beginNext = nextModule !== undefined && atomic(nextModule)
          const closing = transactions.closing?.(beginNext)
          const recorded = await executor.recordStep(
            step.versionChanges,
            historyRow,
            readsBack,
            closing === undefined ? undefined : { statements: closing, after },
          )
          // Read back before the step commits: a script that touched the
          // version table, or a row change that matched no row, fails here.
          if (readsBack) checkStepRows(step.revision, recorded.rows, after)
          expected = after
          closedWithRecord = recorded.closed
          if (closedWithRecord) transactions.closedWithRecord?.(beginNext)
        }
        await atomically(
          // The record under the guard too: it may carry the answers to the script's statements (see StepGuard.run).
          async () => (guard ? guard.run(runScriptOnly, true, record) : runScriptOnly().then(record)),
          async (error) => {
            const failure =
              error instanceof StepStopped
                ? stoppedStepError(error, step, script, undone(step, error), await headsAfterRollback())
                : stepFailure(error, step, script.source)
            // Best effort: in single mode the history table itself may have rolled back.
            await recordRunnerFailure(options.history, entry, startedAt, failure.message, error).catch(() => undefined)
            return failure
          },
          step,
        )
      } else {
        const next = steps[index + 1]
        const history = options.history
        const foldNext = history !== undefined && next !== undefined && nextModule !== undefined && !atomic(nextModule)
        const startedRecorded = nextStartedRecorded
        nextStartedRecorded = false
        const versionRows = readsBack ? { versionRows: { before: expected, after } } : {}
        // Its changes commit before the run opens its next transaction.
        expected = after
        await runJournaledStep({
          executor,
          transactions,
          step,
          script,
          entry,
          startedAt,
          runScript,
          startedRecorded,
          scriptOwnsTransactions: module.transactional === false,
          ...(lockRetry === undefined
            ? {}
            : {
                lockWait: journalLockWait(lockRetry, executor.databaseDialect.sessionTimeouts, step, (line) =>
                  options.reporter.notice?.(line),
                ),
              }),
          ...versionRows,
          ...(foldNext
            ? { nextStarted: () => history.startedStatement(historyStep(next, scripts.script(next.revision)), new Date()) }
            : {}),
          ...pick(options),
        })
        nextStartedRecorded = foldNext
      }
      reports.stepFinished(step, index, steps.length, performance.now() - started)
      if (closedWithRecord) reports.committed()
    }
    try {
      await transactions.endRun()
    } catch (error) {
      throw commitFailure(error, reports.uncommitted())
    }
    reports.runCommitted()
  }

  /** What the rollback of a stopped step undid: in single mode, the whole run so far. */
  function undone(step: PlanStep, stopped: StepStopped): string {
    if (options.transactionMode === 'single') return "rolled back the whole run (transactionMode 'single')"
    return stopped.started ? `rolled back ${step.revision}` : ''
  }

  /** Where the database is once a stopped step was rolled back; single mode rolls back to where the run began. */
  async function headsAfterRollback(): Promise<readonly string[] | undefined> {
    return options.transactionMode === 'single' && startHeads !== undefined ? startHeads : headsAfterStop(executor)
  }
}

/** A failed commit's error, naming the steps it rolled back, if any waited for it. */
function commitFailure(error: unknown, lost: readonly PlanStep[]): unknown {
  return lost.length === 0 ? error : lostCommit(error, lost)
}

function pick(options: RunOptions): { history?: HistoryWriter; statements?: StatementLog } {
  return { ...(options.history ? { history: options.history } : {}), ...(options.statements ? { statements: options.statements } : {}) }
}

function chooseTransactions(
  executor: MigrationExecutor,
  mode: TransactionMode,
  transactionalDdl: boolean,
  afterBegin?: AfterBegin,
): StepTransactions {
  if (!executor.offline && !transactionalDdl) return autocommit()
  if (mode === 'single') return singleTransaction(executor, afterBegin)
  if (executor.offline) return transactionPerStep(executor)
  return executor.databaseDialect.capabilities.sharedCommits
    ? savepointPerStep(executor, afterBegin)
    : transactionPerStep(executor, afterBegin)
}

function checkStepRows(revision: string, found: readonly string[] | undefined, expected: readonly string[]): void {
  if (found === undefined || sameVersionRows(found, expected)) return
  throw new AthanorError(
    'VERSION_ROWS_MISMATCH',
    `after revision ${revision} the version table holds ${showVersionRows(found)} where it should hold ${showVersionRows(expected)}; ` +
      'the migration was rolled back (does the script change the version table itself?)',
  )
}

/** A script that must run outside a transaction cannot be part of one run-wide transaction. */
function refuseNonTransactional(steps: readonly PlanStep[], modules: readonly MigrationModule[], scripts: ScriptDirectory): void {
  const index = modules.findIndex((module) => module.transactional === false)
  if (index < 0) return
  const revision = steps[index]!.revision
  throw new AthanorError(
    'NON_TRANSACTIONAL_IN_SINGLE_MODE',
    `revision ${revision} (${scripts.script(revision).source}) exports transactional = false, ` +
      "which cannot run inside the single transaction of transactionMode 'single'; use 'per-migration'",
  )
}

/** The history row's view of a step. */
function historyStep(step: PlanStep, script: MigrationScript): HistoryStep {
  return {
    revision: step.revision,
    direction: step.direction,
    checksum: script.checksum,
    fromRevisions: step.fromRevisions,
    toRevisions: step.toRevisions,
  }
}
