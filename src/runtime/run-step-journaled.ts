import { MigrationFailedError, SqlError } from '../core/error-classes.js'
import { isAthanorError } from '../core/errors.js'
import type { Statement } from '../dialect/types.js'
import type { PlanStep } from '../revision/types.js'
import type { MigrationScript } from '../script/script-directory.js'
import { isLockTimeout } from './ddl-lock-retry.js'
import type { MigrationExecutor } from './executor.js'
import type { HistoryStep } from './history-entry.js'
import type { HistoryWriter } from './history-writer.js'
import { stepFailure } from './step-failure.js'
import { StepStopped } from './step-guard.js'
import { stoppedJournaledStep } from './stopped-journaled-step.js'
import type { StatementLog } from './statement-log.js'
import type { DeferredEntry, JournalLockWait } from './step-journal.js'
import type { StepTransactions } from './step-transactions.js'
import { TransactionControlRefused, TransactionStateChanged } from './transaction-guard.js'
import { recordingWaysOut, waysOut } from './journaled-ways-out.js'
import { uncertainHint } from './unfinished-step.js'

export interface JournaledStep {
  readonly executor: MigrationExecutor
  readonly transactions: StepTransactions
  readonly step: PlanStep
  readonly script: MigrationScript
  readonly entry: HistoryStep
  readonly startedAt: Date
  readonly runScript: () => Promise<void>
  readonly history?: HistoryWriter
  readonly statements?: StatementLog
  /** The previous step already wrote this step's `started` row (see recordNextStarted). */
  readonly startedRecorded?: boolean
  /** The script exports `transactional = false`: it may open transactions of its own. */
  readonly scriptOwnsTransactions?: boolean
  /**
   * The following journaled step's `started` row, written in this step's
   * closing transaction. On MySQL every commit is a log flush; folding the
   * next step's journal entry into this one saves one per step. The row is
   * still written before that step runs; if the runner dies in between, the
   * next run refuses until `resolve`, exactly as for a death mid-step.
   */
  readonly nextStarted?: () => Statement
  /** Waits out a lock another session holds at the journal's writes (see JournaledStart.lockWait). */
  readonly lockWait?: JournalLockWait
  /** The version rows before and after the step, checked before it is recorded (live runs that read them back). */
  readonly versionRows?: { readonly before: readonly string[]; readonly after: readonly string[] }
}

/**
 * A step that no transaction can cover: every step on MySQL/MariaDB (DDL
 * commits implicitly) and a script exporting `transactional = false`
 * (PostgreSQL's CREATE INDEX CONCURRENTLY, SQLite's VACUUM). The history
 * row says `started` before the script runs and `succeeded` after, in the
 * same transaction as the version-row change. A failure midway marks it
 * `failed` with the statement that broke; a runner that dies leaves it
 * `started`. Either way later runs refuse to touch the database until
 * `athanor resolve` says what state it is in: nothing is silently
 * half-applied.
 *
 * @example
 * declare const job: JournaledStep // the executor, the step, its script, its history row and writer
 * await runJournaledStep(job) // a failure after some statements throws MigrationFailedError, code MIGRATION_INCOMPLETE
 */
export async function runJournaledStep(job: JournaledStep): Promise<void> {
  const { executor, step, statements } = job
  await job.transactions.pause()
  await openJournal(job)
  try {
    try {
      await job.runScript()
      await statements?.finishScript()
    } catch (error) {
      // A resumed run that found the script changed ran nothing: its own line says so.
      if (isAthanorError(error, 'CANNOT_CONTINUE')) throw error
      // The last statement that completed may wait for its COMMIT: it took effect, so it is committed before the report.
      await statements?.settled()
      const lost = await statements?.commitWaiting().then(
        () => undefined,
        (failure: unknown) => failure,
      )
      if (lost !== undefined) throw await journaledFailure(job, lost)
      throw error instanceof StepStopped ? await stoppedJournaledStep(job, error) : await journaledFailure(job, error)
    }
    if (executor.offline) await executor.applyVersionChanges(step.versionChanges)
    else await recordJournaledStep(job)
  } finally {
    statements?.endStep()
  }
  await job.transactions.resume()
}

/** Writes the step's `started` row, unless the previous step's closing did; its failure is the step's, naming it. */
async function openJournal(job: JournaledStep): Promise<void> {
  const { history, statements, entry, startedAt, script } = job
  const recorded = job.startedRecorded === true
  try {
    if (statements && history) {
      const scriptOwnsTransactions = job.scriptOwnsTransactions === true
      const lockWait = job.lockWait === undefined ? {} : { lockWait: job.lockWait }
      await statements.startStep({ history, entry, startedAt, source: script.source, recorded, scriptOwnsTransactions, ...lockWait })
    } else if (!recorded) await history?.started(entry, startedAt)
  } catch (error) {
    throw stepFailure(error, job.step, script.source)
  }
}

/**
 * The step's version rows, its `finished` mark and the next step's
 * `started` row, in one transaction with the version rows checked before
 * its COMMIT. A last statement still waiting for its COMMIT commits with
 * them (on MySQL a commit is a log flush); if it turns out to have changed
 * the session, the step fails at it, as when a later statement shows that.
 */
async function recordJournaledStep(job: JournaledStep): Promise<void> {
  const { executor, step, history, statements } = job
  const versionRows = job.versionRows === undefined ? {} : { versionRows: job.versionRows }
  // A waiting statement's entry not sent yet: the closing row records where the journal stands, and a failed closing keeps the entry.
  const close = (continuing: readonly Statement[] | undefined, deferred?: DeferredEntry) => {
    const recorded = history === undefined && deferred !== undefined ? [deferred.entry] : []
    const closing = [
      ...executor.versionStatements(step.versionChanges),
      ...(history ? [history.finishedStatement(job.entry, job.startedAt, deferred?.point)] : []),
      ...(job.nextStarted ? [job.nextStarted()] : []),
    ]
    const kept = history !== undefined && deferred !== undefined ? { keep: [deferred.entry] } : {}
    return executor.commitTogether(closing, {
      ...versionRows,
      ...(continuing === undefined ? {} : { continuing: [...continuing, ...recorded], ...kept }),
    })
  }
  const closing = () => (statements ? statements.commitWith(close) : close(undefined))
  // Nothing waits to commit with it: the closing begins its own transaction,
  // whose BEGIN needs the write lock (SQLite); one that timed out wrote
  // nothing, and waits, and is tried again, as the run's BEGIN is.
  const { lockWait } = job
  const waits = lockWait !== undefined && statements?.waiting !== true
  try {
    await (waits ? lockWait(closing, { kind: 'close', statement: statements?.point.done ?? 0 }) : closing())
  } catch (error) {
    throw await journaledFailure(job, error, error instanceof TransactionStateChanged ? undefined : 'recording it')
  }
}

async function journaledFailure(job: JournaledStep, error: unknown, stage?: string): Promise<MigrationFailedError> {
  const { step, script, history, statements } = job
  const base = stepFailure(error, step, script.source)
  // Nothing reached the database: the step failed as cleanly as a rolled-back
  // one, and its own `started` row says so, leaving nothing to resolve. A
  // journal write that could not be made before the first statement (the
  // lock it waited for is still held) leaves that row saying no statement
  // ran and none is in flight, which the next run settles by itself.
  if (statements && (statements.count === 0 || statements.nothingSent) && stage === undefined) {
    // A resumed run that could not take the row over wrote no row of its own: the one it was to take over is as it was.
    if (statements.notTakenOver) return notTakenOver(base)
    await history?.startedRolledBack(job.entry, job.startedAt, base.message).catch(() => undefined)
    return base
  }
  const reason = error instanceof Error ? error.message : String(error)
  const done = statements?.point.done ?? 0
  // A refused statement never reached the database: the step stopped at it, one past the last that completed.
  const refused = error instanceof TransactionControlRefused ? error.sql : undefined
  const inFlight = stage === undefined ? (refused ?? statements?.inFlight) : undefined
  const at =
    stage !== undefined
      ? `at ${stage}`
      : statements === undefined
        ? 'at a statement of the migration'
        : inFlight === undefined
          ? `after statement ${done} of the migration`
          : `at statement ${done + 1} of the migration`
  // A retry that failed before getting as far as the run it retried: that run's statements are still in effect.
  const retried = stage === undefined ? statements?.earlierPoint : undefined
  // The row keeps that run's place, so its failed statement would read as the one after it: the error names the retry's own.
  const retryFailed = `its retry failed ${inFlight === undefined ? `after statement ${done}` : `at statement ${done + 1}`}: ${reason}`
  const row = retried === undefined ? { reason, statement: inFlight ?? null } : { reason: retryFailed, statement: null }
  // A statement that returned but whose entry could not be written: the failed row records it, and clears its in-flight mark.
  const unrecorded = stage === undefined && statements?.unrecorded === true ? statements.point : undefined
  // Another session held the lock the failed row needs (SQLite's write lock): the session is there, and the statement's error came back.
  let lockHeld = false
  const recorded = await history?.failed(job.entry, job.startedAt, row.reason, row.statement, retried ?? unrecorded).then(
    () => true,
    (failure: unknown) => {
      lockHeld = isLockTimeout(failure, job.executor.databaseDialect.sessionTimeouts)
      return false
    },
  )
  // The row still marks the statement that failed running (see HistoryWriter.inFlightStatement).
  const failureUnrecorded =
    recorded === false && inFlight !== undefined && statements?.inFlightMarked === true && refused === undefined && retried === undefined
  // The row could not be closed: the session is gone, and the statement may have taken effect before it went.
  if (failureUnrecorded && !lockHeld) return sessionLostFailure(job, error, reason, done, inFlight)
  const inEffect = retried?.done ?? done
  const earlier =
    retried !== undefined
      ? `statements 1-${inEffect} of the run it retried stay in effect (the journal keeps them) and `
      : done === 0
        ? ''
        : done === 1
          ? 'statement 1 took effect and '
          : `statements 1-${done} took effect and `
  // The statement that broke: the script's own, or the recording's.
  const failed =
    stage === undefined
      ? { ...(inFlight === undefined ? {} : { statementIndex: done + 1 }), sql: inFlight }
      : { sql: error instanceof SqlError ? error.sql : undefined }
  // Nor could the failed row be written: the row still marks the statement that returned as running, which --continue must be told.
  const stillMarked = recorded === false && unrecorded !== undefined && retried === undefined
  // Nor the failure of a statement that returned its error, so took no effect: --continue is told to run it, as the row marks it.
  const failedMarked = failureUnrecorded && lockHeld
  // The closing gave up waiting for the lock before writing anything: every statement ran, and the journal says so.
  const closingUnwritten = stage !== undefined && isAthanorError(error, 'DDL_LOCK_TIMEOUT')
  const ways = closingUnwritten
    ? recordingWaysOut(step.revision)
    : waysOut(step.revision, stage === undefined && statements ? inEffect : 0, stillMarked || failedMarked)
  const marked = stillMarked
    ? `; its history row still shows statement ${done} running, as the journal could not record it`
    : failedMarked
      ? `; its history row still shows statement ${done + 1} running, as the journal could not record its failure`
      : ''
  return new MigrationFailedError(
    `${step.direction} of revision ${step.revision} (${script.source}) failed ${at}: ${reason}; ` +
      `it ran outside a transaction, so ${earlier}nothing was rolled back${marked}. ` +
      `Nothing more runs on this database until it is resolved: fix the cause, then run ${ways}`,
    { code: 'MIGRATION_INCOMPLETE', revision: step.revision, direction: step.direction, file: script.source, ...failed },
    { cause: error },
  )
}

/** A resumed run that could not take over the unfinished row: nothing of it ran, and the row still waits for `resolve`. */
function notTakenOver(base: MigrationFailedError): MigrationFailedError {
  const { code, revision, direction, file } = base
  return new MigrationFailedError(
    `${base.message}; nothing was run and nothing changed: the step is still unresolved, as before`,
    { code, revision, direction, file },
    { cause: base.cause },
  )
}

/**
 * A journaled step whose session ended while statement `done + 1` ran: the
 * row still marks it in flight (see HistoryWriter.inFlightStatement), as
 * neither run nor not run, and so does the message.
 */
function sessionLostFailure(job: JournaledStep, error: unknown, reason: string, done: number, inFlight: string): MigrationFailedError {
  const { step, script } = job
  const n = done + 1
  const before = done === 0 ? '' : done === 1 ? 'statement 1 took effect; ' : `statements 1-${done} took effect; `
  return new MigrationFailedError(
    `${step.direction} of revision ${step.revision} (${script.source}) failed at statement ${n} of the migration: ${reason}; ` +
      `${before}statement ${n} was running when the session ended, before the journal recorded it, ` +
      `so it may or may not have taken effect, and nothing was rolled back. ` +
      `Nothing more runs on this database until it is resolved: ${uncertainHint(step.revision, n, true)}`,
    {
      code: 'MIGRATION_INCOMPLETE',
      revision: step.revision,
      direction: step.direction,
      file: script.source,
      statementIndex: n,
      sql: inFlight,
    },
    { cause: error },
  )
}
