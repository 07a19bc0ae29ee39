import { AthanorError } from './errors.js'
import { deliverPendingSignals } from './pending-signals.js'

/** The signals the CLI turns into a stopped run (INTERRUPTED, TERMINATED) instead of a killed process. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const

export type StopSignal = (typeof STOP_SIGNALS)[number]

/**
 * What stopped a run, from its AbortSignal's reason: the CLI aborts with the
 * signal's name; an application may abort with anything.
 *
 * @example
 * interruptedBy('SIGTERM') // { code: 'TERMINATED', by: 'SIGTERM' }
 * interruptedBy(new DOMException('stop', 'AbortError')) // { code: 'INTERRUPTED', by: 'its AbortSignal' }
 */
export function interruptedBy(reason: unknown): { code: 'INTERRUPTED' | 'TERMINATED'; by: string } {
  if (reason === 'SIGTERM') return { code: 'TERMINATED', by: 'SIGTERM' }
  if (reason === 'SIGINT') return { code: 'INTERRUPTED', by: 'SIGINT' }
  return { code: 'INTERRUPTED', by: 'its AbortSignal' }
}

/**
 * The one-line error of a run stopped by a signal: `interrupted by SIGINT`
 * and what was going on, with the code whose exit status is 130 (SIGINT)
 * or 143 (SIGTERM).
 *
 * @example
 * interruptedError('SIGINT', 'while waiting for the migration lock on app.db; nothing ran').message
 * // 'interrupted by SIGINT while waiting for the migration lock on app.db; nothing ran'
 */
export function interruptedError(reason: unknown, what: string, options?: { cause?: unknown }): AthanorError {
  const { code, by } = interruptedBy(reason)
  return new AthanorError(code, `interrupted by ${by} ${what}`, options)
}

/**
 * Throws {@link interruptedError} when `signal` was aborted. The event loop
 * takes a turn first: a signal that arrived while JavaScript was busy (a
 * synchronous SQLite statement) is only delivered then.
 *
 * @example
 * const controller = new AbortController()
 * controller.abort('SIGTERM')
 * await throwIfInterrupted(controller.signal, 'during stamp: rolled back') // throws, code TERMINATED
 */
export async function throwIfInterrupted(signal: AbortSignal | undefined, what: string): Promise<void> {
  if (signal === undefined) return
  await deliverPendingSignals()
  if (signal.aborted) throw interruptedError(signal.reason, what)
}
