import type { SessionTimeouts } from '../dialect/session-timeouts.js'
import type { PlanStep } from '../revision/types.js'
import { beginWaitingForLock } from './begin-lock-wait.js'
import type { DdlLockRetry } from './ddl-lock-retry.js'
import type { JournalLockWait } from './step-journal.js'

/**
 * How the journal of a step outside a transaction waits for a lock another
 * session holds (SQLite's write lock, under an application's write
 * transaction): as the step's BEGIN would, retried and named the same way.
 * The entry recording a statement that returned says, while it waits and
 * when it gives up, that the statement took effect: nothing is rolled back.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { PlanStep } from '../revision/types.js'
 * import type { DdlLockRetry } from './ddl-lock-retry.js'
 * declare const retry: DdlLockRetry
 * declare const step: PlanStep
 * const wait = journalLockWait(retry, dialectNamed('sqlite').sessionTimeouts, step, (line) => console.error(line))
 * await wait(async () => {}, 1) // writes the entry of statement 1, waiting for the lock if need be
 */
export function journalLockWait(
  retry: DdlLockRetry,
  session: SessionTimeouts,
  step: PlanStep,
  notify: (line: string) => void,
): JournalLockWait {
  const waiting = step.revision
  return (write, recorded) => {
    const after =
      recorded === undefined
        ? {}
        : {
            after: {
              attempts: {
                attempt: (attempt: number, attempts: number) =>
                  `statement ${recorded} took effect, its journal entry waits (attempt ${attempt} of ${attempts})`,
                each: '',
              },
              interrupted: `while ${waiting} waited to record statement ${recorded} in its journal; statement ${recorded} took effect`,
            },
          }
    return beginWaitingForLock(write, { session, retry, waiting, what: "the migration's journal", notify, ...after })
  }
}
