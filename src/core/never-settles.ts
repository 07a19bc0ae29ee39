/**
 * Waits for `work`, or fails with `failure()` once the event loop has
 * nothing left that could settle it: no timer, no socket waiting for a
 * reply, no child process. Node says so with 'beforeExit'; left alone, a
 * promise that nothing can settle ends the process with status 13 and no
 * word (an unsettled top-level await), or with 0 if nothing awaited it at
 * the top. The listener schedules the failure, so the loop goes on and the
 * caller can roll back and report.
 *
 * A promise that waits on a live timer or an open socket is not caught
 * here: the loop never drains (stepTimeout is the bound for that).
 *
 * @example
 * const config = await settleOrFail(import('node:fs'), () => new Error('the module never finished loading'))
 */
export async function settleOrFail<T>(work: Promise<T>, failure: () => Error): Promise<T> {
  let onDrained = () => {}
  const drained = new Promise<never>((_, reject) => {
    onDrained = () => reject(failure())
  })
  waiting.add(onDrained)
  if (waiting.size === 1) process.on('beforeExit', failWaiting)
  try {
    return await Promise.race([work, drained])
  } finally {
    waiting.delete(onDrained)
    if (waiting.size === 0) process.off('beforeExit', failWaiting)
  }
}

// One process listener for all waits: scripts load side by side, and a
// listener each would pass Node's limit of ten and print a leak warning.
const waiting = new Set<() => void>()

function failWaiting(): void {
  for (const fail of [...waiting]) fail()
}
