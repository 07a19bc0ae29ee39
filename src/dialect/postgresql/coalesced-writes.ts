/** The part of a socket that holds writes back and lets them go together. */
export interface Corkable {
  cork(): void
  uncork(): void
}

/**
 * Holds a socket's writes back until the code that queued them has run to
 * its end (process.nextTick), then lets them go in one system call. pg
 * writes a statement with parameters as five protocol messages, each a
 * write of its own. Held any longer (to the next turn of the event loop),
 * the statements a migration sends ahead would wait for the script's
 * next statements instead of running on the server meanwhile.
 *
 * @example
 * import { Socket } from 'node:net'
 * const hold = writesHeldForTurn(new Socket())
 * hold() // the writes that follow, up to the next tick, go out as one
 */
export function writesHeldForTurn(socket: Corkable): () => void {
  let held = false
  const release = () => {
    held = false
    socket.uncork()
  }
  return () => {
    if (held) return
    held = true
    socket.cork()
    process.nextTick(release)
  }
}
