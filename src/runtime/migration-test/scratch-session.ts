import type { DatabaseUrl } from '../../core/database-url.js'
import { AthanorError } from '../../core/errors.js'
import { throwIfInterrupted } from '../../core/interruption.js'
import type { DatabaseConnection } from '../../dialect/driver.js'
import { dialectNamed, openConnection } from '../../dialect/registry.js'
import type { ScratchDatabase } from '../../dialect/scratch.js'
import { Operations } from '../../ops/operations.js'
import { applyVersionChanges, type PlanStep } from '../../revision/index.js'
import type { Project } from '../../config/project.js'
import { LiveExecutor } from '../live-executor.js'
import { silentReporter } from '../reporter.js'
import { runPlan } from '../run-plan.js'
import { readCurrentHeads } from '../connect.js'
import { readCatalog, type Catalog } from './catalog.js'
import { tableFilter } from '../compare-models.js'
import { errorLine } from './outcome.js'
import { chooseScratch, refuseFilled } from './scratch-database.js'

/**
 * One scratch database with a connection to it, on which `athanor test`
 * moves the project's migrations up and down and reads the catalog. It
 * runs without the migration lock and the history table: nobody else knows
 * the database exists.
 */
export class ScratchSession {
  #heads: readonly string[] = []

  private constructor(
    readonly project: Project,
    readonly scratch: ScratchDatabase,
    readonly connection: DatabaseConnection,
    private readonly helpers: readonly DatabaseConnection[],
    private readonly executor: LiveExecutor,
    /** The `--url` database itself: emptied on close, not dropped. */
    private readonly inPlace: boolean,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /**
   * Creates a scratch database beside `server` (SQLite: in memory) and
   * connects to it; a failure to connect drops what was created.
   *
   * @example
   * import { openProject } from '../../config/project.js'
   * const project = await openProject({ directory: 'migrations' })
   * const session = await ScratchSession.open(project, project.databaseUrl())
   * try { await session.run((await project.scripts()).graph.planUpgrade([], 'heads')) } finally { await session.close() }
   */
  static async open(
    project: Project,
    server: DatabaseUrl,
    options: { readonly given?: boolean; readonly signal?: AbortSignal } = {},
  ): Promise<ScratchSession> {
    const dialect = dialectNamed(server.dialect)
    const { scratch, inPlace } = await chooseScratch(server, options.given === true)
    let connection: DatabaseConnection
    try {
      connection = await openConnection(scratch.url)
    } catch (error) {
      await scratch.drop().catch(() => undefined)
      throw error
    }
    // A server reads its catalog faster over several connections (see catalogConnections); one that refuses them only reads slower.
    const wanted = scratch.singleConnection ? 0 : dialect.capabilities.catalogConnections
    const helpers = await Promise.allSettled(Array.from({ length: wanted }, () => openConnection(scratch.url)))
    const naming = project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention }
    return new ScratchSession(
      project,
      scratch,
      connection,
      helpers.flatMap((helper) => (helper.status === 'fulfilled' ? [helper.value] : [])),
      new LiveExecutor(connection, dialect, project.versionTable, naming),
      inPlace,
      options.signal,
    )
  }

  /** The version rows as the steps run so far left them. */
  get heads(): readonly string[] {
    return this.#heads
  }

  /**
   * Runs the steps as `upgrade` and `downgrade` would. With `seed`, each
   * upgrade step that exports `testData` is followed by it, in a
   * transaction of its own.
   */
  async run(steps: readonly PlanStep[], options: { readonly seed?: boolean } = {}): Promise<void> {
    const scripts = await this.project.scripts()
    const runOptions = {
      transactionMode: this.project.transactionMode,
      x: this.project.x,
      reporter: silentReporter,
      createVersionTable: true,
    }
    const seeded = options.seed === true ? await this.#seeds(steps) : new Set<string>()
    let batch: PlanStep[] = []
    const flush = async () => {
      await throwIfInterrupted(this.signal, `during athanor test, on ${this.scratch.label}; its scratch databases are dropped`)
      if (batch.length > 0) await runPlan(this.executor, scripts, batch, runOptions)
      batch = []
    }
    for (const step of steps) {
      batch.push(step)
      this.#heads = applyVersionChanges(this.#heads, step.versionChanges)
      if (!seeded.has(step.revision)) continue
      await flush()
      await this.#seed(step)
    }
    await flush()
  }

  /** The catalog as it is now, without athanor's own tables and those the config excludes. */
  catalog(): Promise<Catalog> {
    return readCatalog(this.connection, tableFilter(this.project), this.helpers)
  }

  /** The version rows the database holds. */
  versionRows(): Promise<string[]> {
    return readCurrentHeads(this.connection, this.project.versionTable)
  }

  /** Closes the connection and drops the database; the `--url` database is downgraded to base and must be empty again. */
  async close(): Promise<void> {
    if (this.inPlace) await this.#empty()
    for (const connection of [this.connection, ...this.helpers]) await connection.close().catch(() => undefined)
    await this.scratch.drop()
  }

  async #empty(): Promise<void> {
    const graph = (await this.project.scripts()).graph
    try {
      // The offline test fills it with a script, not through run(): the rows say where it is.
      this.#heads = await this.versionRows()
      await this.run(graph.planDowngrade(this.#heads, 'base'))
      const dropVersionTable = dialectNamed(this.connection.dialect).compiler.compileSql(
        { kind: 'drop_table', table: this.project.versionTable },
        'online',
      )
      for (const statement of dropVersionTable) await this.connection.execute(statement)
    } catch (error) {
      throw new AthanorError(
        'SCRATCH_NOT_EMPTY',
        `the --url database ${this.scratch.url.redacted} could not be downgraded to base after a test: ${errorLine(error)}; ` +
          'empty it by hand',
        { cause: error },
      )
    }
    await refuseFilled(this.scratch.url, 'after a test, downgraded to base: the downgrades left something behind')
  }

  async #seeds(steps: readonly PlanStep[]): Promise<Set<string>> {
    const scripts = await this.project.scripts()
    const upgrades = steps.filter((step) => step.direction === 'upgrade')
    const modules = await Promise.all(upgrades.map((step) => scripts.loadModule(step.revision)))
    return new Set(upgrades.filter((_, i) => modules[i]?.testData !== undefined).map((step) => step.revision))
  }

  async #seed(step: PlanStep): Promise<void> {
    const scripts = await this.project.scripts()
    const seed = (await scripts.loadModule(step.revision)).testData
    if (seed === undefined) return
    const source = scripts.script(step.revision).source
    const op = new Operations(this.executor, { revision: step.revision, direction: 'upgrade', x: this.project.x, source })
    await this.executor.begin()
    try {
      await seed(op)
      await op.settle()
      await this.executor.commit()
    } catch (error) {
      await this.executor.rollback().catch(() => undefined)
      throw new SeedFailed(step.revision, source, error)
    }
  }
}

/**
 * A revision's `testData` failed: told apart from its migration failing.
 *
 * @example
 * throw new SeedFailed('ae1027a6acf0', 'versions/ae1027a6acf0_add_email.ts', new Error('no such table: users'))
 */
export class SeedFailed extends Error {
  constructor(
    readonly revision: string,
    readonly source: string,
    cause: unknown,
  ) {
    super(`testData of ${revision} (${source}) failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'SeedFailed'
  }
}
