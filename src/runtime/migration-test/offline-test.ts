import { isAthanorError } from '../../core/errors.js'
import { sqlStatements } from '../../dialect/default/sql-statements.js'
import type { DatabaseConnection } from '../../dialect/driver.js'
import { dialectNamed } from '../../dialect/registry.js'
import { OfflineExecutor } from '../offline-executor.js'
import { silentReporter } from '../reporter.js'
import { oneLine } from '../unfinished-step.js'
import { runPlan } from '../run-plan.js'
import { compareCatalogs } from './catalog.js'
import type { TestContext } from './context.js'
import { differenceLines, errorLine, failed, passed, skipped, type Verdict } from './outcome.js'
import type { LiveRun } from './upgrade-test.js'

/**
 * Offline equals online: the script `upgrade heads --sql` prints, applied
 * to a new scratch database, must build the catalog and the version rows
 * the live run from base built. A script that reads rows (`op.query`) has
 * no offline form, and the test is skipped, naming it.
 *
 * @example
 * import type { TestContext } from './context.js'
 * declare const context: TestContext
 * import type { LiveRun } from './upgrade-test.js'
 * declare const live: LiveRun
 * const verdict = await offlineTest(context, live) // passed('the --sql script builds the same schema and version rows')
 */
export async function offlineTest(context: TestContext, live: LiveRun | undefined): Promise<Verdict> {
  if (live === undefined) return skipped('base to head failed')
  let script: string
  try {
    script = await renderScript(context)
  } catch (error) {
    if (isAthanorError(error, 'OFFLINE_QUERY')) return skipped(`no offline script: ${errorLine(error)}`)
    return failed(`the --sql script cannot be written: ${errorLine(error)}`)
  }
  return context.withScratch(async (session) => {
    const failure = await runScript(session.connection, script)
    if (failure !== undefined) return failure
    const lines = differenceLines(compareCatalogs(live.catalog, await session.catalog()), {
      extra: (object) => `the --sql script makes ${object}, which the live run does not`,
      missing: (object) => `the --sql script does not make ${object}, which the live run does`,
      changed: (object, expected, actual) => `the --sql script makes ${object} ${actual}, where the live run makes it ${expected}`,
    })
    const rows = await session.versionRows()
    if (rows.join(',') !== live.rows.join(',')) {
      lines.push(
        `the --sql script leaves the version rows at ${rows.join(', ') || 'base'}, the live run at ${live.rows.join(', ') || 'base'}`,
      )
    }
    if (lines.length > 0) return failed(lines[0]!, lines.slice(1))
    return passed('the --sql script builds the same schema and version rows')
  })
}

async function renderScript(context: TestContext): Promise<string> {
  const { project, scripts, graph } = context
  const chunks: string[] = []
  const naming = project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention }
  const executor = new OfflineExecutor(dialectNamed(context.server.dialect), project.versionTable, (text) => chunks.push(text), {
    ...naming,
    forDriver: true,
  })
  const options = { transactionMode: project.transactionMode, x: project.x, reporter: silentReporter, createVersionTable: true }
  await runPlan(executor, scripts, graph.planUpgrade([], 'heads'), options)
  return chunks.join('')
}

/**
 * Runs the script as psql and the mysql client do, one statement at a time,
 * each inside or outside the transactions the script's own BEGIN and COMMIT
 * open and close: sent as one text, PostgreSQL would run it all in one
 * implicit transaction, which a revision with `transactional = false`
 * (CREATE INDEX CONCURRENTLY) cannot run in. The script is split where the
 * server splits it (strings, comments and routine bodies kept whole); a
 * failure names its statement, and what the script's transaction left open
 * is rolled back.
 */
async function runScript(connection: DatabaseConnection, script: string): Promise<Verdict | undefined> {
  const { lexicon, bodies } = dialectNamed(connection.dialect).lint
  for (const statement of sqlStatements(script, lexicon, bodies)) {
    try {
      await connection.execute({ sql: statement.text })
    } catch (error) {
      await connection.rollback().catch(() => undefined)
      return failed(`the --sql script fails on a new database: ${errorLine(error)}`, [`in: ${oneLine(statement.text)}`])
    }
  }
  return undefined
}
