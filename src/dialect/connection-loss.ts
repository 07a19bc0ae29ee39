import { scrubSecrets } from '../core/database-url.js'
import { redactCause } from '../core/error-copy.js'
import { AthanorError } from '../core/errors.js'
import { driverReason } from './connection-failure.js'
import type { ConnectionTarget } from './driver.js'

/**
 * What a driver's error says of its session, as the driver reads it:
 * - `ended`: the server ended it and said why (`reason`: "terminating
 *   connection due to administrator command", "Connection was killed");
 * - `closed`: the other end closed the socket without a word (a KILL on
 *   MariaDB, a restart, a proxy);
 * - `cut`: the network failed under it (`reason`: "read ECONNRESET").
 * `undefined`: the session is fine, the error is the statement's own.
 */
export type SessionEnd = { readonly how: 'ended' | 'cut'; readonly reason: string } | { readonly how: 'closed' }

/**
 * The session of one network connection, once the server ended it or the
 * network cut it. The first error that shows it is the one to report: the
 * statement in flight hears the server's reason, and every call after it
 * would only hear that the connection is closed ("Can't add new command
 * when connection is in closed state"). So each later call fails at once
 * with that first error, without touching the socket.
 *
 * @example
 * import { Socket } from 'node:net'
 * const target = { server: 'PostgreSQL', host: 'db', port: 5432, user: 'app' }
 * const session = new LostSession(target, () => ({ how: 'closed' }), new Socket())
 * const thrown = session.failure(new Error('Connection terminated unexpectedly')) // what the call throws: session.lost
 * session.lost?.message // 'the connection to PostgreSQL at db:5432 was closed by the server or a proxy, which gave no reason'
 * session.lost?.code // 'CONNECTION_LOST'
 */
export class LostSession {
  readonly #target: ConnectionTarget
  readonly #read: (error: unknown) => SessionEnd | undefined
  readonly #socket: { readonly destroyed: boolean }
  #lost: AthanorError | undefined

  /** `read` is the driver's reading of its errors; whatever it reads, an error after which `socket` is closed ends the session. */
  constructor(target: ConnectionTarget, read: (error: unknown) => SessionEnd | undefined, socket: { readonly destroyed: boolean }) {
    this.#target = target
    this.#read = read
    this.#socket = socket
  }

  /** The error every call fails with once the session is gone. */
  get lost(): AthanorError | undefined {
    return this.#lost
  }

  /** What a failed call throws: the lost session once the error (or an earlier one) shows it, else the error itself. */
  failure(error: unknown): unknown {
    if (this.#lost !== undefined) return this.#lost
    const end = this.#read(error) ?? (this.#socket.destroyed ? { how: 'cut', reason: driverReason(error) } : undefined)
    if (end === undefined) return error
    this.#lost = sessionLost(this.#target, end, error)
    return this.#lost
  }

  /**
   * The connection's 'error' event, which a driver emits when no call is
   * waiting: the session is gone whatever the error says, and the next
   * call hears why.
   */
  noticed(error: unknown): void {
    const end = this.#read(error) ?? { how: 'cut', reason: driverReason(error) }
    this.#lost ??= sessionLost(this.#target, end, error)
  }
}

function sessionLost(target: ConnectionTarget, end: SessionEnd, error: unknown): AthanorError {
  const scrub = (text: string) => scrubSecrets(text, target)
  const where = `the connection to ${target.server} at ${target.host}:${target.port}`
  const what =
    end.how === 'ended'
      ? `was closed by the server: ${end.reason}`
      : end.how === 'cut'
        ? `was lost: ${end.reason}`
        : 'was closed by the server or a proxy, which gave no reason'
  const cause = redactCause(error, scrub)
  return new AthanorError('CONNECTION_LOST', scrub(`${where} ${what}`), cause === undefined ? {} : { cause })
}
