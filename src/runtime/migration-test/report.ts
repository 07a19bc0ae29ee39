/**
 * What one test of `athanor test` found: `passed`, `failed`, or `skipped`
 * (nothing to test, or a test it depends on failed).
 *
 * @example
 * const outcome: TestOutcome = { name: 'stairway', status: 'passed', summary: '3 revisions', details: [], durationMs: 12 }
 */
export interface TestOutcome {
  /** A stable name: `heads`, `upgrade`, `models`, `stairway`, `merges`, `offline`. */
  readonly name: TestName
  readonly status: 'passed' | 'failed' | 'skipped'
  /** One line: what was tested, or the first thing that failed. */
  readonly summary: string
  /** Every failure or leftover, one per line. */
  readonly details: readonly string[]
  readonly durationMs: number
}

/** The tests, in the order they run and print. */
export const TEST_NAMES = ['heads', 'upgrade', 'models', 'stairway', 'merges', 'offline'] as const

/**
 * The name of one of `athanor test`'s tests.
 *
 * @example
 * const name: TestName = 'stairway'
 */
export type TestName = (typeof TEST_NAMES)[number]

/** What each test checks, as the text output titles it. */
export const TEST_TITLES: Readonly<Record<TestName, string>> = {
  heads: 'single head',
  upgrade: 'base to head',
  models: 'models match the migrations',
  stairway: 'stairway (upgrade, downgrade, upgrade each revision)',
  merges: 'merge points in every order',
  offline: 'offline script matches the live run',
}

/**
 * One database's tests, and the scratch databases they ran on.
 *
 * @example
 * const report: DatabaseTestReport = { scratch: ['SQLite in memory'], tests: [] }
 */
export interface DatabaseTestReport {
  /** Several databases: which one; absent for a single-database project. */
  readonly database?: string
  /** Each scratch database made for it, as the output names it; all of them were dropped. */
  readonly scratch: readonly string[]
  readonly tests: readonly TestOutcome[]
}

/**
 * Everything `athanor test` found: `passed` when no test failed.
 *
 * @example
 * const { passed, databases } = await testMigrations({ directory: 'migrations' })
 * for (const { tests } of databases) for (const t of tests) if (t.status === 'failed') console.error(t.name, t.summary)
 */
export interface TestReport {
  readonly passed: boolean
  readonly databases: readonly DatabaseTestReport[]
}

/** Counts of each status over a report. */
export function countOutcomes(report: TestReport): { tests: number; passed: number; failed: number; skipped: number } {
  const all = report.databases.flatMap((database) => database.tests)
  const count = (status: TestOutcome['status']) => all.filter((test) => test.status === status).length
  return { tests: all.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') }
}
