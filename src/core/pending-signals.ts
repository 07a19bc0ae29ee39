import { setImmediate as immediate } from 'node:timers/promises'

/**
 * Lets the event loop poll the operating system once, so that a signal
 * that arrived while JavaScript was busy (better-sqlite3 runs a statement
 * synchronously) has reached its `process.on` listeners when this returns.
 * One setImmediate is not enough: queued from an I/O callback (a script
 * that awaited a file, or anything the driver waited for), it runs in the
 * same loop iteration, after the poll that came before the signal, and the
 * signal waits for a later turn, often after the migration has committed.
 * An immediate queued from another immediate runs only after the next poll
 * (https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick).
 *
 * @example
 * const controller = new AbortController()
 * process.once('SIGTERM', () => controller.abort('SIGTERM'))
 * await deliverPendingSignals()
 * controller.signal.aborted // true if a SIGTERM came while JavaScript was busy
 */
export async function deliverPendingSignals(): Promise<void> {
  await immediate()
  await immediate()
}
