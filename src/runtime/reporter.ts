import type { RebuildEvents } from '../dialect/rebuild-events.js'
import type { PlanStep } from '../revision/types.js'

/**
 * Hears about progress through a plan; the CLI prints it, the API may log it.
 * `index` counts from 0; `message` is the script's message. `stepFinished`
 * comes once the step has committed, so it never counts a migration that a
 * crash would undo; on SQLite several steps share one commit.
 *
 * @example
 * const reporter: RunReporter = {
 *   stepStarted: (step, index, total, message) => console.log(`[${index + 1}/${total}] ${step.direction} ${step.revision}: ${message}`),
 *   stepFinished: (_step, _index, _total, elapsedMs) => console.log(`  ${Math.round(elapsedMs)} ms`),
 * }
 * await upgrade({ directory: 'migrations', reporter })
 */
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
 * const events = rebuildEvents({ stepStarted() {}, stepFinished() {}, notice: (line) => console.error(line) })
 * events.notice?.('rebuilding table user') // printed; events.progress is absent, as the reporter has none
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
