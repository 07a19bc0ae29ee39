import { randomBytes } from 'node:crypto'
import { parseDatabaseUrl, type DatabaseUrl } from '../core/database-url.js'
import { MigrationFailedError } from '../core/error-classes.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { Project } from '../config/project.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed, openConnection, scratchDatabasesFor } from '../dialect/registry.js'
import type { ScratchDatabase } from '../dialect/scratch.js'
import { LiveExecutor } from './live-executor.js'
import { silentReporter } from './reporter.js'
import { runPlan } from './run-plan.js'

/**
 * Builds the schema the migrations produce on a shadow database and hands
 * its connection to `work`: every revision from base to the heads, replayed
 * as `upgrade` runs them. The shadow is a scratch database (as `athanor
 * test` makes them) of the config's `shadowUrl` when it names one of the
 * project's dialect: on a server, a database created there and dropped
 * after. Else it is the dialect's embedded database in memory (SQLite;
 * PGlite for PostgreSQL). Nothing connects to the project's own
 * database; its URL only says the dialect.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { readCurrentHeads } from './connect.js'
 * const project = await openProject({ directory: 'migrations' })
 * const heads = await withShadowDatabase(project, (connection) => readCurrentHeads(connection, project.versionTable))
 */
export async function withShadowDatabase<T>(project: Project, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const configured = project.shadowUrl()
  const projectUrl = databaseUrlIfAny(project, configured)
  const dialect = dialectNamed((projectUrl ?? configured!).dialect)
  if (configured !== undefined && projectUrl !== undefined && configured.dialect !== dialect.name) {
    throw new AthanorError(
      'INVALID_CONFIG',
      `shadowUrl ${configured.redacted} is a ${configured.dialect} URL, ` +
        `but the database ${projectUrl.redacted} is ${dialect.name}: the shadow must be of the same dialect`,
    )
  }
  if (configured?.filename !== undefined && configured.filename !== ':memory:') {
    throw new AthanorError(
      'INVALID_CONFIG',
      `shadowUrl ${configured.redacted} names a database file; a shadow is a server URL (a scratch database is made there) or in memory`,
    )
  }
  const url = configured ?? embedded(project, projectUrl!)
  const name = `athanor_shadow_${process.pid}_${randomBytes(4).toString('hex')}`
  const scratch = await scratchDatabasesFor(url).create(url, name, openConnection)
  try {
    return await replayOn(project, scratch, work)
  } finally {
    await scratch.drop().catch(() => undefined)
  }
}

/**
 * The project's URL, which only says the dialect here; with a shadowUrl,
 * a project with no URL set (CI with no database at all) takes the
 * shadow's dialect instead.
 */
function databaseUrlIfAny(project: Project, configured: DatabaseUrl | undefined): DatabaseUrl | undefined {
  try {
    return project.databaseUrl()
  } catch (error) {
    if (configured !== undefined && isAthanorError(error, 'NO_DATABASE_URL')) return undefined
    throw error
  }
}

/** The dialect's database in memory; refused where it has none. */
function embedded(project: Project, url: DatabaseUrl): DatabaseUrl {
  const embeddedUrl = dialectNamed(url.dialect).shadow.embeddedUrl
  if (embeddedUrl === null) {
    throw new AthanorError(
      'SHADOW_URL_REQUIRED',
      `--offline replays the migrations on a shadow database, and ${url.dialect} has none built in: ` +
        `set shadowUrl in ${project.configFile ?? 'the config'} to a server where a scratch database may be created and dropped`,
    )
  }
  return parseDatabaseUrl(embeddedUrl)
}

async function replayOn<T>(project: Project, scratch: ScratchDatabase, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const url = scratch.url
  const scripts = await project.scripts()
  const steps = scripts.graph.planUpgrade([], 'heads')
  let connection: DatabaseConnection
  try {
    connection = await openConnection(url)
  } catch (error) {
    if (isAthanorError(error, 'DRIVER_NOT_INSTALLED') && url.filename === ':memory:') {
      throw new AthanorError(
        'DRIVER_NOT_INSTALLED',
        `--offline replays the migrations on ${scratch.label}: ${error.message}; or set shadowUrl in the config to a server`,
        { cause: error },
      )
    }
    throw error
  }
  try {
    const executor = new LiveExecutor(
      connection,
      dialectNamed(url.dialect),
      project.versionTable,
      project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention },
    )
    const options = { transactionMode: project.transactionMode, x: project.x, reporter: silentReporter, createVersionTable: true }
    try {
      await runPlan(executor, scripts, steps, { ...options, ...(project.tag === undefined ? {} : { tag: project.tag }) })
    } catch (error) {
      throw replayFailure(error, scratch.label)
    }
    return await work(connection)
  } finally {
    await connection.close().catch(() => undefined)
  }
}

/** A revision the shadow could not run: named, with the database's reason. */
function replayFailure(error: unknown, shadow: string): unknown {
  if (!(error instanceof MigrationFailedError)) return error
  const where = error.file === undefined ? '' : ` (${error.file})`
  return new AthanorError(
    'SHADOW_REPLAY_FAILED',
    `--offline cannot replay revision ${error.revision}${where} on the shadow database (${shadow}): ` +
      `${describeThrown(error.cause ?? error)}; set shadowUrl to a server that can, or run without --offline against a database at head`,
    { cause: error },
  )
}
