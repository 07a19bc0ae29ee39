import { randomBytes } from 'node:crypto'
import type { DatabaseUrl } from '../core/database-url.js'
import { MigrationFailedError } from '../core/error-classes.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { Project } from '../config/project.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed, openConnection, scratchDatabasesFor } from '../dialect/registry.js'
import type { ScratchDatabase } from '../dialect/scratch.js'
import { quote } from '../ops/render-value.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { runBatched } from './batched-replay.js'
import { LiveExecutor } from './live-executor.js'
import { renderReplay, type RenderedRevision } from './replay-script.js'
import { silentReporter } from './reporter.js'
import { runPlan } from './run-plan.js'

/**
 * A scratch database holding the schema the migrations produce, open on one
 * connection until `close`, which also drops it.
 */
export interface ReplayedShadow {
  readonly connection: DatabaseConnection
  close(): Promise<void>
}

/**
 * Replays every revision from base to the heads on a new scratch database
 * of `url`. Where the dialect takes several statements in one call, the
 * history goes as the `--sql` script renders it, in a few texts and without
 * version rows (see runBatched). A history that has no such script (a
 * revision reads rows with `op.query()`) or whose script fails is replayed
 * again on a fresh scratch database as `upgrade` runs it, step by step,
 * which names the revision that fails.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * const shadow = await replayShadow(project, parseDatabaseUrl('pglite://'))
 * try { await shadow.connection.hasTable('users') } finally { await shadow.close() }
 */
export async function replayShadow(project: Project, url: DatabaseUrl): Promise<ReplayedShadow> {
  const scripts = await project.scripts()
  const rendered = dialectNamed(url.dialect).capabilities.batchedStatements ? await renderedOrNot(project, scripts, url) : undefined
  if (rendered !== undefined) {
    const shadow = await openShadow(url)
    try {
      await runBatched(shadow.connection, rendered)
      return shadow
    } catch {
      await shadow.close()
    }
  }
  const shadow = await openShadow(url)
  try {
    await replayStepByStep(project, scripts, shadow)
    return shadow
  } catch (error) {
    await shadow.close()
    throw error
  }
}

/** The history as `--sql` renders it; `undefined` where it cannot be, for the step-by-step replay to run or to name. */
async function renderedOrNot(project: Project, scripts: ScriptDirectory, url: DatabaseUrl): Promise<RenderedRevision[] | undefined> {
  try {
    return await renderReplay(project, scripts, scripts.graph.planUpgrade([], 'heads'), dialectNamed(url.dialect))
  } catch {
    return undefined
  }
}

/** A shadow and the scratch database it is, whose label names it in a failure. */
type OpenShadow = ReplayedShadow & { readonly scratch: ScratchDatabase }

async function openShadow(url: DatabaseUrl): Promise<OpenShadow> {
  const name = `athanor_shadow_${process.pid}_${randomBytes(4).toString('hex')}`
  const scratch = await scratchDatabasesFor(url).create(url, name, openConnection)
  let connection: DatabaseConnection
  try {
    connection = await openConnection(scratch.url)
  } catch (error) {
    await scratch.drop().catch(() => undefined)
    if (isAthanorError(error, 'DRIVER_NOT_INSTALLED') && scratch.url.filename === ':memory:') {
      throw new AthanorError(
        'DRIVER_NOT_INSTALLED',
        `--offline replays the migrations on ${scratch.label}: ${error.message}; or set shadowUrl in the config to a server`,
        { cause: error },
      )
    }
    throw error
  }
  return {
    connection,
    scratch,
    close: async () => {
      await connection.close().catch(() => undefined)
      await scratch.drop().catch(() => undefined)
    },
  }
}

/** The replay `upgrade` makes: a transaction, version rows and checks per step. */
async function replayStepByStep(project: Project, scripts: ScriptDirectory, shadow: OpenShadow): Promise<void> {
  const { connection, scratch } = shadow
  const executor = new LiveExecutor(
    connection,
    dialectNamed(connection.dialect),
    project.versionTable,
    project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention },
  )
  const options = { transactionMode: project.transactionMode, x: project.x, reporter: silentReporter, createVersionTable: true }
  try {
    const steps = scripts.graph.planUpgrade([], 'heads')
    await runPlan(executor, scripts, steps, { ...options, ...(project.tag === undefined ? {} : { tag: project.tag }) })
  } catch (error) {
    throw replayFailure(error, scratch.label)
  }
}

/** A revision the shadow could not run: named, with the database's reason. */
function replayFailure(error: unknown, shadow: string): unknown {
  if (!(error instanceof MigrationFailedError)) return error
  const where = error.file === undefined ? '' : ` (${error.file})`
  const reason = describeThrown(error.cause ?? error)
  return new AthanorError(
    'SHADOW_REPLAY_FAILED',
    `--offline cannot replay revision ${error.revision}${where} on the shadow database (${shadow}): ${reason}; ${adviceFor(reason)}`,
    { cause: error },
  )
}

/**
 * What to do about a replay failure. A schema made by hand before the
 * migrations (a DBA's CREATE SCHEMA) is on the real database but on no
 * shadow and no fresh CI database: the fix is in the migrations, not in
 * shadowUrl.
 */
function adviceFor(reason: string): string {
  const schema = /schema "((?:[^"]|"")+)" does not exist/.exec(reason)?.[1]
  if (schema !== undefined) {
    const name = quote(schema.replaceAll('""', '"'))
    return (
      `no migration before it creates schema "${schema}": add op.createSchema(${name}, { ifNotExists: true }) to one, ` +
      'so a fresh database gets it too'
    )
  }
  return 'set shadowUrl to a server that can, or run without --offline against a database at head'
}
