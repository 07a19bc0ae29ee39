import { AthanorError, isAthanorError } from '../../core/errors.js'
import type { CatalogDifference } from './catalog.js'
import type { TestName, TestOutcome } from './report.js'

/** A test's result before it is named and timed. */
export type Verdict = Omit<TestOutcome, 'name' | 'durationMs'>

export const passed = (summary: string): Verdict => ({ status: 'passed', summary, details: [] })
export const skipped = (summary: string): Verdict => ({ status: 'skipped', summary, details: [] })
export const failed = (summary: string, details: readonly string[] = []): Verdict => ({ status: 'failed', summary, details })

/** `1 revision`, `3 revisions`. */
export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

/**
 * Runs one test and times it; an error it throws is its failure, in one line.
 *
 * @example
 * const outcome = await timed('heads', async () => passed('head ae1027a6acf0'))
 */
export async function timed(name: TestName, work: () => Promise<Verdict>): Promise<TestOutcome> {
  const started = performance.now()
  let verdict: Verdict
  try {
    verdict = await work()
  } catch (error) {
    if (isRunStop(error)) throw error
    verdict = failed(errorLine(error))
  }
  return { name, ...verdict, durationMs: Math.round(performance.now() - started) }
}

/** A signal (SIGINT, SIGTERM): it stops the whole run, so no test may take it for its own failure. */
export function isRunStop(error: unknown): boolean {
  return isAthanorError(error, 'INTERRUPTED') || isAthanorError(error, 'TERMINATED')
}

/** An error as one line: athanor's own message, or the first line of any other. */
export function errorLine(error: unknown): string {
  if (error instanceof AthanorError) return error.message
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? ''
}

/** How a test words each kind of catalog difference. */
export interface DifferenceWords {
  extra(object: string): string
  missing(object: string): string
  changed(object: string, expected: string, actual: string): string
}

/** One line per difference, in the test's words. */
export function differenceLines(difference: CatalogDifference, words: DifferenceWords): string[] {
  return [
    ...difference.extra.map((object) => words.extra(object)),
    ...difference.missing.map((object) => words.missing(object)),
    ...difference.changed.map(({ object, expected, actual }) => words.changed(object, shorten(expected), shorten(actual))),
  ]
}

// A routine's body can be long; the line names the object, the start of each definition is enough to tell them apart.
function shorten(definition: string): string {
  const shown = definition === '' ? '(none)' : definition
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown
}
