import { driverReason } from '../connection-failure.js'
import type { SessionEnd } from '../connection-loss.js'

/**
 * The server's last word before it closes a session: MariaDB's
 * ER_CONNECTION_KILLED (1927, "Connection was killed"), ER_SERVER_SHUTDOWN
 * (1053) and MySQL 8's ER_CLIENT_INTERACTION_TIMEOUT (4031).
 */
const SESSION_ENDING_ERRNOS = new Set([1053, 1927, 4031])

/**
 * How mysql2 tells that the session is over: one of the server's errors
 * that end it, PROTOCOL_CONNECTION_LOST for a socket the other end closed
 * without a word (MariaDB's KILL, a restart, a proxy), a network error
 * (with a `syscall`, read ECONNRESET), or any other error mysql2 marks
 * `fatal`, after which the connection takes no more commands.
 *
 * @example
 * mysqlSessionEnd(Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' }))
 * // { how: 'closed' }
 */
export function mysqlSessionEnd(error: unknown): SessionEnd | undefined {
  const { errno, code, syscall, fatal } = (error ?? {}) as { errno?: unknown; code?: unknown; syscall?: unknown; fatal?: unknown }
  if (typeof errno === 'number' && SESSION_ENDING_ERRNOS.has(errno)) return { how: 'ended', reason: driverReason(error) }
  if (code === 'PROTOCOL_CONNECTION_LOST') return { how: 'closed' }
  if (typeof syscall === 'string' || fatal === true) return { how: 'cut', reason: driverReason(error) }
  return undefined
}
