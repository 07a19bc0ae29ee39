import type { Statement } from '../dialect/types.js'
import type { MigrationExecutor } from './executor.js'

/**
 * How a run's steps map onto transactions. The runner calls these around
 * each migration; which implementation it gets decides what is atomic.
 */
export interface StepTransactions {
  startRun(): Promise<void>
  startStep(): Promise<void>
  /** The step and its version-row change succeeded. */
  endStep(): Promise<void>
  /** The step failed: undo it (and, in single mode, everything). */
  failStep(): Promise<void>
  endRun(): Promise<void>
  /**
   * Commit what is open, so a script that refuses a transaction block
   * (`transactional = false`) runs in autocommit; `resume` opens the run's
   * transaction again after it.
   */
  pause(): Promise<void>
  resume(): Promise<void>
  /**
   * Where each step ends in a COMMIT of its own: the statements that end
   * it, `beginNext` adding the next step's BEGIN, for the step's record to
   * carry (see MigrationExecutor.recordStep). `closedWithRecord` then says
   * they were sent and succeeded, before endStep.
   */
  closing?(beginNext: boolean): readonly Statement[]
  closedWithRecord?(beganNext: boolean): void
}

/**
 * Called right after the run opens a transaction, which on SQLite holds the
 * database's write lock (BEGIN IMMEDIATE): the run checks there that the
 * version rows are still those it left.
 */
export type AfterBegin = () => Promise<void>

const nothingAfterBegin: AfterBegin = async () => {}

/** The whole run is one transaction: all of it applies, or none. */
export function singleTransaction(executor: MigrationExecutor, afterBegin: AfterBegin = nothingAfterBegin): StepTransactions {
  return {
    startRun: async () => {
      await executor.begin()
      await afterBegin()
    },
    startStep: async () => {},
    endStep: async () => {},
    failStep: () => executor.rollback(),
    endRun: () => executor.commit(),
    // The runner refuses non-transactional scripts in single mode before
    // anything runs; reaching this is a bug, not a user error.
    pause: async () => {
      throw new Error('single-transaction mode cannot run a non-transactional script')
    },
    resume: async () => {},
  }
}

/**
 * Inside an isolated transaction the executor opened (`executor.isolated`):
 * the run adds no transaction of its own, and a failure is the isolated
 * transaction's to roll back.
 */
export function withinIsolation(): StepTransactions {
  const nothing = async () => {}
  return { startRun: nothing, startStep: nothing, endStep: nothing, failStep: nothing, endRun: nothing, pause: nothing, resume: nothing }
}

/**
 * No transaction around the scripts: MySQL and MariaDB commit DDL
 * implicitly, so a BEGIN would promise an atomicity the server does not
 * give. Each step is journaled in the history table instead (started before
 * it runs, finished after), and its version-row change commits with the
 * `finished` mark.
 */
export function autocommit(): StepTransactions {
  const nothing = async () => {}
  return { startRun: nothing, startStep: nothing, endStep: nothing, failStep: nothing, endRun: nothing, pause: nothing, resume: nothing }
}

/**
 * BEGIN and COMMIT around every migration: on a server, so that no lock a
 * migration takes outlives it; offline, where the text itself should show
 * each migration as a unit. Where the executor can, a step's COMMIT and the
 * next step's BEGIN travel with the step's record, checked in the server
 * before them (closing); otherwise the COMMIT goes out with the next step's
 * BEGIN, one round trip instead of two, sent as soon as the runner turns to
 * that step; the run's end, a script that must run outside a transaction,
 * or a failure sends it alone. Until it is sent the step is not reported
 * finished (see reportOnCommit), and a crash rolls it back like any
 * uncommitted step: the database stays at a revision boundary.
 */
export function transactionPerStep(executor: MigrationExecutor, afterBegin: AfterBegin = nothingAfterBegin): StepTransactions {
  let open = false
  let commitPending = false
  // The step's record carried its COMMIT; `nextBegun`, the next step's BEGIN too.
  let closed = false
  let nextBegun = false
  const commitIfPending = async () => {
    if (!commitPending) return
    commitPending = false
    open = false
    await executor.commit()
  }
  const { beginTransaction, commitTransaction } = executor.databaseDialect.compiler.traits
  return {
    startRun: async () => {},
    startStep: async () => {
      const begun = nextBegun
      nextBegun = false
      if (commitPending) {
        commitPending = false
        await executor.commitAndBegin()
      } else if (!begun || (await executor.transactionState())?.open === false) await executor.begin()
      open = true
      await afterBegin()
    },
    endStep: async () => {
      if (closed) {
        closed = false
        open = nextBegun
      } else commitPending = true
    },
    failStep: async () => {
      closed = false
      nextBegun = false
      if (open) await executor.rollback()
      open = false
    },
    endRun: commitIfPending,
    // Nothing of a step may stay open under a script that runs outside a transaction.
    pause: commitIfPending,
    resume: async () => {},
    closing: (beginNext) => (beginNext ? [{ sql: commitTransaction }, { sql: beginTransaction }] : [{ sql: commitTransaction }]),
    closedWithRecord: (beganNext) => {
      closed = true
      nextBegun = beganNext
    },
  }
}

/** How long committed progress may lag behind the work done, where a commit is quick. */
const CHECKPOINT_INTERVAL_MS = 250

/**
 * Where a commit is slow (a busy disk, whose flush took 100 ms and more
 * here), the interval stretches to this many times the last commit's
 * duration, so commits never take more than a tenth of the run, up to
 * MAX_CHECKPOINT_INTERVAL_MS.
 */
const COMMIT_SHARE = 10

/** The longest committed progress may lag, however slow the disk. */
const MAX_CHECKPOINT_INTERVAL_MS = 2000

/**
 * Each migration is atomic with its version-row change, as with a commit per
 * migration, but through savepoints inside a transaction that commits at
 * most every CHECKPOINT_INTERVAL_MS (more rarely where commits are slow, see
 * COMMIT_SHARE): a commit costs a disk flush (about 1.6 ms on SQLite on an
 * idle disk, a hundred times that on a busy one), which would dominate a run
 * of many small migrations.
 * A failing migration is rolled back to its savepoint and the migrations
 * before it are committed, so the database ends at the last revision that
 * succeeded, exactly as with one transaction per migration. A crash loses at
 * most the last uncommitted interval, never half a migration.
 */
export function savepointPerStep(
  executor: MigrationExecutor,
  afterBegin: AfterBegin = nothingAfterBegin,
  intervalMs: number = CHECKPOINT_INTERVAL_MS,
): StepTransactions {
  let committedAt = 0
  let interval = intervalMs
  // The transaction begins with the step that needs it, not after a commit:
  // a BEGIN that waits for another connection's write lock (SQLite's BEGIN
  // IMMEDIATE) then waits as that step, which the run retries and names.
  let open = false
  const begin = async () => {
    await executor.begin()
    open = true
    try {
      await afterBegin()
    } catch (error) {
      await rollbackOpen()
      throw error
    }
    committedAt = performance.now()
  }
  const rollbackOpen = async () => {
    open = false
    await executor.rollback()
  }
  const commitOpen = async () => {
    if (!open) return
    open = false
    await executor.commit()
  }
  return {
    startRun: async () => {},
    startStep: async () => {
      if (!open) await begin()
      await executor.savepoint(STEP_SAVEPOINT)
    },
    endStep: async () => {
      await executor.releaseSavepoint(STEP_SAVEPOINT)
      const now = performance.now()
      if (now - committedAt >= interval) {
        await commitOpen()
        interval = Math.min(MAX_CHECKPOINT_INTERVAL_MS, Math.max(intervalMs, COMMIT_SHARE * (performance.now() - now)))
      }
    },
    failStep: async () => {
      // A statement that failed may have ended the transaction itself
      // (SQLite's ON CONFLICT ROLLBACK): then there is nothing left to undo.
      if ((await executor.transactionState())?.open === false) {
        open = false
        return
      }
      await executor.rollbackToSavepoint(STEP_SAVEPOINT)
      await executor.releaseSavepoint(STEP_SAVEPOINT)
      await commitOpen()
    },
    endRun: commitOpen,
    pause: commitOpen,
    resume: async () => {},
  }
}

const STEP_SAVEPOINT = 'athanor_step'
