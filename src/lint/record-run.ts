import { MigrationFailedError } from '../core/error-classes.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { Operation } from '../ops/operation.js'
import type { CallSites } from '../ops/operations.js'
import { OfflineExecutor } from '../runtime/offline-executor.js'
import { silentReporter } from '../runtime/reporter.js'
import { runPlan } from '../runtime/run-plan.js'
import type { PlanStep } from '../revision/types.js'
import type { Project } from '../config/project.js'
import { callLine } from './call-line.js'

/** One operation of a migration as `--sql` renders it, with where the script called it. */
export interface RecordedOp {
  readonly op: Operation
  readonly line: number | undefined
  readonly statements: string[]
  readonly inTransaction: boolean
  readonly rebuild: boolean
}

/** One step of the plan: its revision, script and operations. */
export interface RecordedStep {
  readonly step: PlanStep
  readonly file: string
  readonly ops: RecordedOp[]
}

type OfflineOptions = NonNullable<ConstructorParameters<typeof OfflineExecutor>[3]>

/**
 * The offline executor of `upgrade --sql`, which also keeps each
 * operation's statements apart, with the line that called it; the script
 * text itself goes nowhere.
 */
class RecordingExecutor extends OfflineExecutor {
  readonly steps: RecordedStep[] = []
  #recording: RecordedOp | undefined
  #open = false

  constructor(
    dialect: Dialect,
    versionTable: string,
    options: OfflineOptions,
    private readonly sites: CallSites,
  ) {
    super(dialect, versionTable, () => {}, { ...options, onStatement: (sql) => this.#recording?.statements.push(sql) })
  }

  startStep(step: PlanStep, file: string): void {
    this.steps.push({ step, file, ops: [] })
  }

  override async run(op: Operation): Promise<void> {
    const step = this.steps.at(-1)
    if (step === undefined) return super.run(op)
    const record: RecordedOp = {
      op,
      line: callLine(this.sites.current, step.file),
      statements: [],
      inTransaction: this.#open && this.databaseDialect.capabilities.transactionalDdl,
      // Only a dialect that rebuilds tables can answer with a rebuild: the others are not compiled twice.
      rebuild: this.databaseDialect.tableRebuild !== null && this.databaseDialect.compiler.compile(op, 'offline').kind === 'rebuild',
    }
    this.sites.current = undefined
    step.ops.push(record)
    this.#recording = record
    try {
      await super.run(op)
    } finally {
      this.#recording = undefined
    }
  }

  override async begin(): Promise<void> {
    this.#open = true
    return super.begin()
  }

  override async commit(): Promise<void> {
    this.#open = false
    return super.commit()
  }
}

/**
 * Runs `steps` as `upgrade --sql` would, from `startHeads` (the
 * migrations before them replayed first, so a SQLite rebuild knows the
 * tables they left, or `startSchema` applied in their place: the
 * statements of a database that is at `startHeads`), and returns each
 * step's operations and statements.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * const project = await openProject({ directory: 'migrations' })
 * const graph = (await project.scripts()).graph
 * const steps = await recordSteps(project, dialectNamed('postgresql'), graph.planUpgrade([], 'head'), [])
 * steps[0]?.ops[0]?.statements // the first operation's SQL
 */
export async function recordSteps(
  project: Project,
  dialect: Dialect,
  steps: readonly PlanStep[],
  startHeads: readonly string[],
  startSchema?: readonly string[],
): Promise<RecordedStep[]> {
  const scripts = await project.scripts()
  const graph = scripts.graph
  const runOptions = { transactionMode: project.transactionMode, x: project.x, reporter: silentReporter }
  const replayScripts = async (shadow: OfflineExecutor) => {
    let heads: string[] = []
    for (const head of startHeads) {
      const plan = graph.planUpgrade(heads, head)
      await runPlan(shadow, scripts, plan, { ...runOptions, createVersionTable: false })
      heads = graph.resolve(head).length > 0 ? [...heads.filter((h) => !plan.some((s) => s.fromRevisions.includes(h))), head] : heads
    }
  }
  const sites: CallSites = { current: undefined }
  const executor = new RecordingExecutor(
    dialect,
    project.versionTable,
    {
      ...(project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention }),
      ...(startSchema !== undefined
        ? { replayBefore: (shadow: OfflineExecutor) => applySchema(shadow, startSchema) }
        : startHeads.length === 0
          ? {}
          : { replayBefore: replayScripts }),
    },
    sites,
  )
  try {
    await runPlan(executor, scripts, steps, {
      ...runOptions,
      createVersionTable: false,
      callSites: sites,
      reporter: { ...silentReporter, stepStarted: (step) => executor.startStep(step, scripts.script(step.revision).source) },
    })
  } catch (error) {
    throw unrenderable(error)
  }
  return executor.steps
}

async function applySchema(shadow: OfflineExecutor, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await shadow.run({ kind: 'execute', sql })
}

/**
 * A step that cannot be rendered is reported as what it is: nothing ran, so
 * the run's advice about rollbacks and `resolve` does not apply. The error
 * inside keeps its code.
 */
function unrenderable(error: unknown): unknown {
  if (!(error instanceof MigrationFailedError) || !isAthanorError(error.cause)) return error
  const where = error.file === undefined ? '' : ` (${error.file})`
  return new AthanorError(
    error.cause.code,
    `revision ${error.revision}${where} cannot be rendered as --sql renders it: ${error.cause.message}`,
    {
      cause: error.cause,
    },
  )
}
