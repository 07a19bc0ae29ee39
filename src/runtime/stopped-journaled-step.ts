import type { MigrationFailedError } from '../core/error-classes.js'
import type { PlanStep } from '../revision/types.js'
import type { MigrationScript } from '../script/script-directory.js'
import type { MigrationExecutor } from './executor.js'
import type { HistoryStep } from './history-entry.js'
import type { HistoryWriter } from './history-writer.js'
import type { StatementLog } from './statement-log.js'
import type { StepStopped } from './step-guard.js'
import { waysOut } from './journaled-ways-out.js'
import { headsAfterStop, stoppedStepError } from './stopped-step.js'

/** What a journaled step's stop needs to know of it (a JournaledStep is one). */
export interface StoppedJournal {
  readonly executor: MigrationExecutor
  readonly step: PlanStep
  readonly script: MigrationScript
  readonly entry: HistoryStep
  readonly startedAt: Date
  readonly history?: HistoryWriter
  readonly statements?: StatementLog
}

/**
 * A journaled step (outside any transaction: every step on MySQL/MariaDB)
 * stopped by a signal, stepTimeout or a script that waits for nothing. The
 * statement in flight was cancelled on the server before this runs (a
 * cancelled statement takes no effect: DDL is atomic on MariaDB 10.6+ and
 * MySQL 8.0), so the journal can say exactly where the step stopped. With
 * nothing of it in effect, its `started` row is closed as rolled back and
 * the database is as before; otherwise the row is marked failed after the
 * last statement that took effect, and nothing more runs until `resolve`.
 *
 * @example
 * import type { StepStopped } from './step-guard.js'
 * declare const job: StoppedJournal
 * declare const stopped: StepStopped
 * throw await stoppedJournaledStep(job, stopped) // code INTERRUPTED, TERMINATED, STEP_TIMEOUT or NEVER_SETTLED
 */
export async function stoppedJournaledStep(job: StoppedJournal, stopped: StepStopped): Promise<MigrationFailedError> {
  const { step, script, history, statements } = job
  // The cancelled statement's journal may still be undoing it.
  await statements?.settled()
  const sent = statements?.count ?? 0
  const cancelled = sent > 0 && statements?.lastFailed === true
  // A retry stopped before getting as far as the run it retried: that run's statements are still in effect.
  const retried = statements?.earlierPoint
  const tookEffect = retried?.done ?? (cancelled ? sent - 1 : sent)
  const cancelledNote = cancelled ? `statement ${sent} was cancelled` : ''
  const which = tookEffect === 1 ? 'statement 1 stays' : `statements 1-${tookEffect} stay`
  const stays = `${which} in effect, as the migration runs outside a transaction${cancelled ? `, and ${cancelledNote}` : ''}`
  const outcome =
    tookEffect === 0
      ? `nothing of it took effect${cancelled ? ` (${cancelledNote})` : ''}`
      : `${stays}; the journal marks it failed after statement ${tookEffect}, ` +
        `and nothing more runs until ${waysOut(step.revision, tookEffect)}`
  // The row keeps where the step stopped, not the ways out: current, status and upgrade add those after it.
  const recorded = stoppedStepError(stopped, step, script, tookEffect === 0 ? outcome : stays, undefined).message
  // The statement the step stopped at: the cancelled one; none when the script stopped between statements,
  // or when the row keeps the place of the run a retry took over (its next statement is not the cancelled one).
  const stoppedAt = cancelled && retried === undefined ? (statements?.last ?? null) : null
  if (tookEffect === 0) await history?.startedRolledBack(job.entry, job.startedAt, recorded).catch(() => undefined)
  else await history?.failed(job.entry, job.startedAt, recorded, stoppedAt, retried).catch(() => undefined)
  return stoppedStepError(stopped, step, script, outcome, await headsAfterStop(job.executor))
}
