/** The part of a socket that holds writes back and lets them go together. */
export interface Corkable {
  cork(): void
  uncork(): void
}

/**
 * Holds a socket's writes back until the event loop's next check phase,
 * then lets them go in one system call. pg writes each statement as it is
 * queued, and a statement with parameters as five protocol messages, each
 * a write of its own: on a 1,000-migration PostgreSQL run those writes were
 * about a third of the process's CPU. A migration's statements sent ahead
 * and its record are queued in one turn of the loop, so they now leave
 * together; a statement the caller awaits leaves as soon as its turn ends,
 * before the loop waits for the reply.
 *
 * @example
 * import { Socket } from 'node:net'
 * const hold = writesHeldForTurn(new Socket())
 * hold() // the writes that follow in this turn go out as one
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
    setImmediate(release)
  }
}
