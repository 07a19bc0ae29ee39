import { scrubSecrets } from '../core/database-url.js'
import { ConnectionError } from '../core/error-classes.js'
import { redactCause } from '../core/error-copy.js'
import type { ConnectionTarget } from './driver.js'

/**
 * The one-line error for a connection that could not be opened: where it
 * went, as whom, and the server's or the network's reason, never the
 * password. The cause is a redacted copy of the driver's error: its texts
 * with the password blanked, and none of the objects the driver held (its
 * client, socket or options), so no stack or inspection can print them.
 *
 * @example
 * connectionFailed({ server: 'PostgreSQL', host: '127.0.0.1', port: 5433, user: 'root' }, new Error('connect ECONNREFUSED 127.0.0.1:5433'))
 * // AthanorError: cannot connect to PostgreSQL at 127.0.0.1:5433 as root: connect ECONNREFUSED
 */
export function connectionFailed(target: ConnectionTarget, error: unknown): ConnectionError {
  const where = `${target.host}:${target.port}`
  const scrub = (text: string) => scrubSecrets(text, target)
  const reason = scrub(driverReason(error).replace(` ${where}`, ''))
  const cause = redactCause(error, scrub)
  return new ConnectionError(
    `cannot connect to ${target.server} at ${where} as ${target.user}: ${reason}`,
    { server: target.server, host: target.host, port: target.port, user: target.user },
    cause === undefined ? {} : { cause },
  )
}

/**
 * The first line of a driver's error. Node reports a refused connection to a
 * name with several addresses as an AggregateError with an empty message.
 *
 * @example
 * driverReason(new Error('read ECONNRESET\n    at TCP.onStreamRead')) // 'read ECONNRESET'
 */
export function driverReason(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return driverReason(error.errors[0] ?? error)
  if (error instanceof Error) {
    const first = error.message.split('\n')[0]?.trim()
    if (first) return first
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' ? code : error.name
  }
  return String(error)
}
