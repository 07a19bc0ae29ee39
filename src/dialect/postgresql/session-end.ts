import { driverReason } from '../connection-failure.js'
import type { SessionEnd } from '../connection-loss.js'

/**
 * How pg tells that the session is over. A FATAL or PANIC error is the
 * server ending it and saying why: pg_terminate_backend, a shutdown,
 * idle_in_transaction_session_timeout (FATAL "reports an error that caused
 * the current session to abort",
 * https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS).
 * "Connection terminated unexpectedly" is pg's word for a socket closed
 * under it, and an error with a `syscall` is Node's for the network
 * (read ECONNRESET, write EPIPE).
 *
 * @example
 * postgresSessionEnd(Object.assign(new Error('terminating connection due to administrator command'), { severity: 'FATAL' }))
 * // { how: 'ended', reason: 'terminating connection due to administrator command' }
 */
export function postgresSessionEnd(error: unknown): SessionEnd | undefined {
  const { severity, syscall, message } = (error ?? {}) as { severity?: unknown; syscall?: unknown; message?: unknown }
  if (severity === 'FATAL' || severity === 'PANIC') return { how: 'ended', reason: driverReason(error) }
  if (typeof syscall === 'string') return { how: 'cut', reason: driverReason(error) }
  if (message === 'Connection terminated unexpectedly') return { how: 'closed' }
  return undefined
}
