import type { RebuildEvents } from '../dialect/rebuild-events.js'
import type { PlanStep } from '../revision/types.js'
import { describeStep } from './run-plan.js'

/** Hears about progress through a plan; the CLI prints it, the API may log it. */
export interface RunReporter {
  stepStarted(step: PlanStep, index: number, total: number, message: string): void
  stepFinished(step: PlanStep, index: number, total: number, elapsedMs: number): void
  /** Another run holds the migration lock; called once per wait. */
  waiting?(message: string): void
  /** A one-line note from inside a migration (a SQLite table rebuild). */
  notice?(line: string): void
  /** Progress of a long operation inside a migration: rows copied of total. */
  progress?(label: string, done: number, total: number): void
  /** Several databases: the run moves on to this one; what follows is about it. */
  database?(name: string): void
}

/**
 * The rebuild events a reporter listens to, for the live executor.
 *
 * @example
 * new LiveExecutor(connection, compiler, 'athanor_version', { events: rebuildEvents(reporter) })
 */
export function rebuildEvents(reporter: RunReporter): RebuildEvents {
  return {
    ...(reporter.notice ? { notice: (line: string) => reporter.notice!(line) } : {}),
    ...(reporter.progress ? { progress: (label: string, done: number, total: number) => reporter.progress!(label, done, total) } : {}),
  }
}

export const silentReporter: RunReporter = {
  stepStarted() {},
  stepFinished() {},
}

/**
 * Plain lines, one per migration, for logs and pipes; on a terminal, one
 * line that counts up (`[12/1000] add email … 3.1 s`) for long runs.
 */
export function streamReporter(stream: NodeJS.WriteStream): RunReporter {
  const tty = stream.isTTY === true
  const runStarted = performance.now()
  let lastMessage = ''
  // With several databases every line names the one it is about.
  let prefix = ''
  return {
    database(name) {
      prefix = `${name}: `
    },
    stepStarted(step, index, total, message) {
      lastMessage = prefix + describeStep(step, message)
      if (!tty) stream.write(`${lastMessage}\n`)
      else {
        const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1)
        const line = `[${index + 1}/${total}] ${lastMessage} (${elapsed} s)`
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`)
      }
    },
    notice(line) {
      stream.write(tty ? `\r\x1b[2K${prefix}${line}\n` : `${prefix}${line}\n`)
    },
    // Only a terminal gets the moving count; a log would fill with it.
    ...(tty
      ? {
          progress(label: string, done: number, total: number) {
            stream.write(`\r\x1b[2K${label}: ${done} of ${total} rows copied`)
          },
        }
      : {}),
    waiting(message) {
      stream.write(tty ? `\r\x1b[2K${prefix}${message}\n` : `${prefix}${message}\n`)
    },
    stepFinished(_step, index, total) {
      if (tty && index + 1 === total) {
        const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1)
        stream.write(`\r\x1b[2K${total} migration${total === 1 ? '' : 's'} applied in ${elapsed} s\n`)
      }
    },
  }
}
