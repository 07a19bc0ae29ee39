import { scrubSecrets } from '../config/database-url.js'
import { ConnectionError } from '../core/error-classes.js'
import type { ConnectionTarget } from './connection.js'

/**
 * The one-line error for a connection that could not be opened: where it
 * went, as whom, and the server's or the network's reason, never the
 * password. The driver's error is not kept as the cause, so no stack or
 * inspection of the error can print what the driver held.
 *
 * @example
 * connectionFailed({ server: 'PostgreSQL', host: '127.0.0.1', port: 5433, user: 'root' }, err)
 * // AthanorError: cannot connect to PostgreSQL at 127.0.0.1:5433 as root: connect ECONNREFUSED
 */
export function connectionFailed(target: ConnectionTarget, error: unknown): ConnectionError {
  const where = `${target.host}:${target.port}`
  const reason = scrubSecrets(driverReason(error).replace(` ${where}`, ''), target)
  return new ConnectionError(`cannot connect to ${target.server} at ${where} as ${target.user}: ${reason}`, {
    server: target.server,
    host: target.host,
    port: target.port,
    user: target.user,
  })
}

/**
 * The first line of a driver's error. Node reports a refused connection to a
 * name with several addresses as an AggregateError with an empty message.
 */
function driverReason(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return driverReason(error.errors[0] ?? error)
  if (error instanceof Error) {
    const first = error.message.split('\n')[0]?.trim()
    if (first) return first
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' ? code : error.name
  }
  return String(error)
}
