/**
 * The ways out of a journaled step stopped after `done` statements took
 * effect: `--continue` first, since `--retry` sends those statements again
 * and fails on what they made unless they can run twice. `markedRunning`:
 * the row still shows statement `done` running (its entry could not be
 * written), so `--continue` is told where to start, past it.
 *
 * @example
 * waysOut('ae1027a6acf0', 2)
 * // "'athanor resolve ae1027a6acf0 --continue' (run the rest, from statement 3), '--retry' (…), …"
 */
export function waysOut(revision: string, done: number, markedRunning = false): string {
  const retry = `'--retry' (run it all again${done === 0 ? '' : `, statement${done === 1 ? ' 1' : `s 1-${done}`} included`})`
  return done === 0
    ? `'athanor resolve ${revision} --retry' (run it again), ${SETTLE}`
    : `'athanor resolve ${revision} --continue${markedRunning ? ` --from ${done + 1}` : ''}' (run the rest, from statement ${done + 1}), ` +
        `${retry}, ${SETTLE}`
}

/**
 * The ways out of a journaled step whose statements all took effect but
 * whose closing (its version rows, its finished row) was never written:
 * `--continue` runs none of them again and records the step.
 *
 * @example
 * recordingWaysOut('ae1027a6acf0') // "'athanor resolve ae1027a6acf0 --continue' (run nothing more, and record it), …"
 */
export function recordingWaysOut(revision: string): string {
  return `'athanor resolve ${revision} --continue' (run nothing more, and record it), ${SETTLE}`
}

/** The ways out that run nothing: the user says how the step stands. */
const SETTLE = "'--applied' (it is complete) or '--rolled-back' (it is undone)"
