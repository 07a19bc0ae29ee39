import { TEST_TITLES, countOutcomes, type TestOutcome, type TestReport } from '../command/test.js'

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)

// Characters XML 1.0 forbids even escaped; a database error can carry them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const stripInvalid = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

const seconds = (ms: number) => (ms / 1000).toFixed(3)

/**
 * `athanor test --format junit`: JUnit XML as CI servers read it, one
 * `testsuite` per database (`athanor`, or `athanor.NAME` with several), one
 * `testcase` per test, a failure's summary as its message and the further
 * lines as its text, a skipped test as `skipped`.
 *
 * @example
 * junitXml({ passed: true, databases: [{ scratch: ['SQLite in memory'], tests: [] }] }).startsWith('<?xml') // true
 */
export function junitXml(report: TestReport): string {
  const total = countOutcomes(report)
  const time = seconds(report.databases.flatMap((d) => d.tests).reduce((sum, t) => sum + t.durationMs, 0))
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="athanor test" tests="${total.tests}" failures="${total.failed}" errors="0" ` +
      `skipped="${total.skipped}" time="${time}">`,
  ]
  for (const database of report.databases) {
    const suite = database.database === undefined ? 'athanor' : `athanor.${database.database}`
    const count = (status: TestOutcome['status']) => database.tests.filter((t) => t.status === status).length
    const suiteTime = seconds(database.tests.reduce((sum, t) => sum + t.durationMs, 0))
    lines.push(
      `  <testsuite name="${escapeXml(suite)}" tests="${database.tests.length}" failures="${count('failed')}" errors="0" ` +
        `skipped="${count('skipped')}" time="${suiteTime}">`,
    )
    for (const test of database.tests) lines.push(...testcase(suite, test))
    lines.push(`    <system-out>${attribute(`scratch: ${[...new Set(database.scratch)].join(', ')}`)}</system-out>`, '  </testsuite>')
  }
  lines.push('</testsuites>')
  return `${lines.join('\n')}\n`
}

function testcase(suite: string, test: TestOutcome): string[] {
  const name = attribute(`${test.name}: ${TEST_TITLES[test.name]}`)
  const open = `    <testcase classname="${escapeXml(suite)}" name="${name}" time="${seconds(test.durationMs)}"`
  if (test.status === 'passed') return [`${open}/>`]
  if (test.status === 'skipped') return [`${open}>`, `      <skipped message="${attribute(test.summary)}"/>`, '    </testcase>']
  const body = [test.summary, ...test.details].map(attribute).join('\n')
  return [`${open}>`, `      <failure message="${attribute(test.summary)}" type="failed">${body}</failure>`, '    </testcase>']
}

function attribute(text: string): string {
  return escapeXml(stripInvalid(text))
}
