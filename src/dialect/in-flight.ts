/** A socket: Node's net.Socket is one. */
export interface Refable {
  ref(): void
  unref(): void
  /** True once it is closed. */
  readonly destroyed: boolean
}

/**
 * The statements a network connection has in flight. While there are none,
 * its socket does not keep the process alive: a migration that awaits
 * something that can never happen then lets the event loop drain, which
 * the runner reports as that migration's failure (settleOrFail), instead of
 * hanging forever with the migration lock held. While one runs, the socket
 * keeps the process alive until the reply comes.
 *
 * @example
 * import { Socket } from 'node:net'
 * const inFlight = new InFlight(new Socket()) // the socket is unref'd at once
 * const rows = await inFlight.track(Promise.resolve([])) // ref'd meanwhile
 * inFlight.busy // false
 */
export class InFlight {
  readonly #socket: Refable
  readonly #running = new Set<Promise<unknown>>()

  constructor(socket: Refable) {
    this.#socket = socket
    this.#hold(false)
  }

  /** Whether a statement is running (or queued behind one). */
  get busy(): boolean {
    return this.#running.size > 0
  }

  /** `work`, with the socket keeping the process alive until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    if (this.#running.size === 0) this.#hold(true)
    this.#running.add(work)
    const done = () => {
      this.#running.delete(work)
      if (this.#running.size === 0) this.#hold(false)
    }
    work.then(done, done)
    return work
  }

  // A closed socket keeps nothing alive, and Node's ref() and unref() on one
  // wait for a 'connect' that never comes: each call would add a listener
  // (MaxListenersExceededWarning after ten calls on a connection the server killed).
  #hold(alive: boolean): void {
    if (this.#socket.destroyed) return
    if (alive) this.#socket.ref()
    else this.#socket.unref()
  }

  /** Resolves once nothing is in flight, whatever the statements' outcome. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running])
  }
}
