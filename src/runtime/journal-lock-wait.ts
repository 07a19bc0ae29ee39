import type { SessionTimeouts } from '../dialect/session-timeouts.js'
import type { PlanStep } from '../revision/types.js'
import { type BeginWait, beginWaitingForLock } from './begin-lock-wait.js'
import type { DdlLockRetry } from './ddl-lock-retry.js'
import type { JournalLockWait, JournalWrite } from './step-journal.js'

/**
 * How the journal of a step outside a transaction waits for a lock another
 * session holds (SQLite's write lock, under an application's write
 * transaction): as the step's BEGIN would, retried and named the same way.
 * The error says what the journal waited to do; a write after a statement
 * of the step took effect says, while it waits and when it gives up, which
 * statements took effect: nothing is rolled back.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { PlanStep } from '../revision/types.js'
 * import type { DdlLockRetry } from './ddl-lock-retry.js'
 * declare const retry: DdlLockRetry
 * declare const step: PlanStep
 * const wait = journalLockWait(retry, dialectNamed('sqlite').sessionTimeouts, step, (line) => console.error(line))
 * await wait(async () => {}, { kind: 'entry', statement: 1 }) // writes the entry of statement 1, waiting for the lock if need be
 */
export function journalLockWait(
  retry: DdlLockRetry,
  session: SessionTimeouts,
  step: PlanStep,
  notify: (line: string) => void,
): JournalLockWait {
  const waiting = step.revision
  return (write, what) =>
    beginWaitingForLock(write, { session, retry, waiting, what: "the migration's journal", notify, ...wording(waiting, what) })
}

/** What the journal waited to do, and, once statements took effect, what its retries' lines and an interruption say. */
function wording(waiting: string, what: JournalWrite): Pick<BeginWait, 'to' | 'after'> {
  if (what.kind === 'start') return {}
  const n = what.statement
  if (what.kind === 'entry') {
    return {
      to: `record statement ${n}`,
      after: {
        attempts: {
          attempt: (attempt, attempts) => `statement ${n} took effect, its journal entry waits (attempt ${attempt} of ${attempts})`,
          each: '',
        },
        interrupted: `while ${waiting} waited to record statement ${n} in its journal; statement ${n} took effect`,
      },
    }
  }
  const closing = what.kind === 'close'
  const to = closing ? 'record the migration finished' : `mark statement ${n} running`
  const done = closing ? n : n - 1
  // Before the first statement nothing of the step ran: the wait is a BEGIN's.
  if (done === 0) return { to }
  const before = done === 1 ? 'statement 1 took effect' : `statements 1-${done} took effect`
  const waits = closing ? 'its record waits' : `statement ${n} waits to be marked running`
  return {
    to,
    after: {
      attempts: { attempt: (attempt, attempts) => `${before}, ${waits} (attempt ${attempt} of ${attempts})`, each: '' },
      interrupted: closing
        ? `while ${waiting} waited to record the migration finished; ${before}`
        : `while ${waiting} waited to mark statement ${n} running in its journal; ${before}, statement ${n} was not sent`,
    },
  }
}
