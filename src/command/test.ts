import { runMigrationTests, type TestOptions } from '../runtime/migration-test/run-tests.js'
import type { TestReport } from '../runtime/migration-test/report.js'

/**
 * Tests the migrations themselves, as `athanor test` does, on scratch
 * databases it creates and drops: one head, base to head (with each
 * revision's `testData`), the models against the result, the stairway
 * (every revision upgraded, downgraded and upgraded again, the catalog
 * compared), every merge point in every order of its parents, and the
 * `--sql` script against the live run.
 *
 * @example
 * import { testMigrations } from 'athanor'
 * const report = await testMigrations({ directory: 'migrations' })
 * for (const { tests } of report.databases) for (const t of tests) console.log(t.status, t.name, t.summary)
 */
export function testMigrations(options: TestOptions = {}): Promise<TestReport> {
  return runMigrationTests(options)
}

export type { TestOptions, TestReport }
export { TEST_TITLES, countOutcomes } from '../runtime/migration-test/report.js'
export type { DatabaseTestReport, TestName, TestOutcome } from '../runtime/migration-test/report.js'
