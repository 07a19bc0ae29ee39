import { selectDatabases } from '../../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../../config/project.js'
import { throwIfInterrupted } from '../../core/interruption.js'
import { testContext } from './context.js'
import { headsTest } from './heads-test.js'
import { mergesTest } from './merges-test.js'
import { offlineTest } from './offline-test.js'
import { skipped, timed } from './outcome.js'
import type { DatabaseTestReport, TestOutcome, TestReport } from './report.js'
import { stairwayTest } from './stairway-test.js'
import { upgradeTests } from './upgrade-test.js'

/**
 * Options of `athanor test`: the project, and the models module when it is
 * not the config's.
 *
 * @example
 * const options: TestOptions = { directory: 'migrations', models: 'src/models.ts' }
 */
export interface TestOptions extends CommandOptions {
  readonly models?: string
  /** Stops the run between two migrations (SIGINT, SIGTERM); the scratch databases are dropped all the same. */
  readonly signal?: AbortSignal
}

/**
 * Tests a project's migrations on scratch databases, each database of the
 * project in turn: the heads, base to head with the models compared, the
 * stairway, every merge in every order, and the offline script against the
 * live run. The configured databases are never written: SQLite runs in
 * memory, a server gets temporary databases that are dropped afterwards.
 *
 * @example
 * const report = await runMigrationTests({ directory: 'migrations' })
 * if (!report.passed) process.exitCode = 1
 */
export async function runMigrationTests(options: TestOptions): Promise<TestReport> {
  const project = await openProject(options)
  const databases: DatabaseTestReport[] = []
  for (const view of selectDatabases(project, options)) databases.push(await testDatabase(view, options))
  return { passed: databases.every((database) => database.tests.every((test) => test.status !== 'failed')), databases }
}

async function testDatabase(project: Project, options: TestOptions): Promise<DatabaseTestReport> {
  const server = project.databaseUrl()
  const scripts = await project.scripts()
  const opened: string[] = []
  const context = testContext(project, server, scripts, opened, {
    given: options.url !== undefined,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const named = (tests: TestOutcome[]) => ({
    ...(project.database === undefined ? {} : { database: project.database }),
    scratch: opened,
    tests,
  })
  const heads = await timed('heads', async () => headsTest(context))
  try {
    void scripts.graph
  } catch {
    // Nothing can be planned on a graph that does not build; the heads test said why.
    const rest = (['upgrade', 'models', 'stairway', 'merges', 'offline'] as const).map((name) => ({
      name,
      ...skipped('the revision graph does not build'),
      durationMs: 0,
    }))
    return named([heads, ...rest])
  }
  // A test that does not watch the signal (the offline script, rendered and run in a few calls) has still been
  // stopped by it: the run ends there, rather than go on and then say the signal came after its work.
  const stopped = () => throwIfInterrupted(options.signal, 'during athanor test; its scratch databases are dropped')
  const { upgrade, models, live } = await upgradeTests(context, options)
  await stopped()
  const stairway = await timed('stairway', () => stairwayTest(context))
  await stopped()
  const merges = await timed('merges', () => mergesTest(context))
  await stopped()
  const offline = await timed('offline', () => offlineTest(context, live))
  await stopped()
  return named([heads, upgrade, models, stairway, merges, offline])
}
