import { TEST_TITLES, countOutcomes, type TestOutcome, type TestReport } from '../command/test.js'

const MARKS: Readonly<Record<TestOutcome['status'], string>> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' }

/**
 * `athanor test`'s text: per database the scratch databases it ran on, then
 * one line per test (`ok`, `FAIL` or `skip`, its title and what it found)
 * with each further failure indented below it, and a closing count.
 *
 * @example
 * testReportLines({ passed: true, databases: [{ scratch: ['SQLite in memory'], tests: [] }] })
 * // ['scratch: SQLite in memory', '0 tests: 0 passed, 0 failed, 0 skipped']
 */
export function testReportLines(report: TestReport): string[] {
  const lines: string[] = []
  for (const database of report.databases) {
    const prefix = database.database === undefined ? '' : `${database.database}: `
    lines.push(`${prefix}scratch: ${[...new Set(database.scratch)].join(', ') || 'none'}`)
    for (const test of database.tests) {
      lines.push(`${prefix}${MARKS[test.status]}  ${TEST_TITLES[test.name]}: ${test.summary}`)
      for (const detail of test.details) lines.push(`${prefix}        ${detail}`)
    }
  }
  const { tests, passed, failed, skipped } = countOutcomes(report)
  lines.push(`${tests} tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  return lines
}
