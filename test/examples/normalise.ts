// Makes a command's real output comparable with the README's: revision ids
// are generated afresh on every run, dates are today's, and the project sits
// in a temporary folder rather than the README's.

const REVISION_ID = /(?<![0-9A-Za-z])[0-9a-f]{12}(?![0-9A-Za-z])/g
const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?/g

/**
 * Pairs the README's revision ids with the ones this run generated: the n-th
 * id of a README line is the n-th id of the real line. A pairing is kept for
 * the rest of the walk-through, so commands that name a revision can be
 * rewritten to the run's id, and a README that contradicts itself fails.
 */
export class RevisionIds {
  readonly #readmeToRun = new Map<string, string>()
  readonly #runToReadme = new Map<string, string>()

  /** Replaces README ids in a command by this run's. */
  toRun(text: string): string {
    return text.replace(REVISION_ID, (id) => this.#readmeToRun.get(id) ?? id)
  }

  /** Replaces this run's ids by the README's, where known. */
  toReadme(text: string): string {
    return text.replace(REVISION_ID, (id) => this.#runToReadme.get(id) ?? id)
  }

  /** Learns the pairs that a README line and the real line show; false when they disagree. */
  pair(expectedLine: string, actualLine: string): boolean {
    const expected = expectedLine.match(REVISION_ID) ?? []
    const actual = actualLine.match(REVISION_ID) ?? []
    if (expected.length !== actual.length) return false
    for (let i = 0; i < expected.length; i++) {
      const [readme, run] = [expected[i]!, actual[i]!]
      const known = this.#readmeToRun.get(readme)
      const knownBack = this.#runToReadme.get(run)
      if ((known !== undefined && known !== run) || (knownBack !== undefined && knownBack !== readme)) return false
      this.#readmeToRun.set(readme, run)
      this.#runToReadme.set(run, readme)
    }
    return true
  }
}

/** Trailing spaces and trailing blank lines are not part of what a reader sees. */
function lines(text: string): string[] {
  const all = text.split('\n').map((line) => line.trimEnd())
  while (all.length > 0 && all[all.length - 1] === '') all.pop()
  return all
}

export interface Comparison {
  readonly equal: boolean
  /** The real output with the README's ids, paths and dates put back: what the README should show. */
  readonly asReadme: string
}

/**
 * Compares a command's real output with the README's, line by line, once
 * `workDir` is written as the README's `shownDir` and timestamps are masked.
 */
export function compareOutput(expected: string, actual: string, ids: RevisionIds, workDir: string, shownDir: string): Comparison {
  const want = lines(expected)
  const got = lines(actual.split(workDir).join(shownDir))
  let equal = want.length === got.length
  const asReadme = got.map((line, index) => {
    const readmeLine = want[index]
    if (readmeLine !== undefined && ids.pair(readmeLine, line)) {
      const mapped = ids.toReadme(line)
      if (mapped.replace(TIMESTAMP, '<date>') !== readmeLine.replace(TIMESTAMP, '<date>')) equal = false
      return mapped
    }
    equal = false
    return ids.toReadme(line)
  })
  return { equal, asReadme: asReadme.join('\n') }
}
