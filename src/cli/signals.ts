import { errorCodeInfo } from '../core/errors.js'
import { interruptedBy, STOP_SIGNALS } from '../core/interruption.js'
import { deliverPendingSignals } from '../core/pending-signals.js'
import { info, type CliIo } from './io.js'

/**
 * Runs a command that changes the database with SIGINT and SIGTERM turned
 * into its AbortSignal: the first stops the migration in progress (rolled
 * back, or journaled where it stopped), releases the lock and ends the
 * command with one line and status 130 or 143. A second one while that
 * happens exits at once; the database's own recovery then rolls back the
 * open transaction (SQLite, PostgreSQL), which leaves a revision boundary,
 * and the server frees the lock with the session.
 *
 * @example
 * import { upgrade } from '../command/upgrade.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: process.env }
 * const status = await withStopSignals(io, async (signal) => {
 *   await upgrade({ directory: 'migrations', signal })
 *   return 0
 * }) // 130 after a SIGINT, the migration in progress rolled back
 */
export async function withStopSignals(io: CliIo, run: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController()
  // Taken now: while a script runs, process.exit is a throw (withoutProcessExit).
  const exit = process.exit.bind(process)
  const removers = STOP_SIGNALS.map((name) => {
    const onSignal = () => {
      if (!controller.signal.aborted) {
        controller.abort(name)
        return
      }
      info(
        io,
        `error: ${name} again while stopping: exiting at once; the database rolls back the open transaction itself ` +
          "(a step journaled outside one, on MySQL/MariaDB, stays 'started' until 'athanor resolve')",
      )
      exit(statusOf(name))
    }
    process.on(name, onSignal)
    return () => process.off(name, onSignal)
  })
  try {
    const status = await run(controller.signal)
    // One that came during the work's last synchronous statement (a COMMIT) is heard before its listener goes.
    await deliverPendingSignals()
    if (!controller.signal.aborted) return status
    // The signal came after the last thing it could stop: the command's work stands, its status tells the shell.
    info(io, `error: ${interruptedBy(controller.signal.reason).by} arrived after the command had finished its work; nothing was undone`)
    return statusOf(controller.signal.reason)
  } finally {
    for (const remove of removers) remove()
  }
}

function statusOf(reason: unknown): number {
  return errorCodeInfo(interruptedBy(reason).code)?.exit ?? 1
}
