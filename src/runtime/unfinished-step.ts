import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import type { HistoryDirection, HistoryRow } from './history-entry.js'
import { readUnresolvedHistory } from './history-read.js'

/**
 * A step that ran outside a transaction and did not finish, as `current`,
 * `history` and the refusal of upgrade/downgrade describe it: which
 * statements of which revision ran, from the step's journal.
 *
 * @example
 * const { databases } = await current({ url: 'mysql://root@127.0.0.1/app' })
 * for (const step of databases[0]?.unfinished ?? []) console.log(step.summary)
 * // upgrade of revision ae1027a6acf0 (migrations/versions/ae10_add.ts) stopped after statement 2 of 4: ALTER TABLE …
 */
export interface UnfinishedStep {
  readonly revision: string
  readonly direction: HistoryDirection
  /** `started`: its runner stopped; `failed`: a statement failed. */
  readonly status: 'started' | 'failed'
  /** The script file, when the revision has one. */
  readonly path?: string
  readonly startedAt: string
  /** Statements that completed; null when the row predates the statement journal. */
  readonly statementsDone: number | null
  /** The statements the script sends, when that can be told without a database (no `op.query`). */
  readonly statementsTotal: number | null
  /** The text of the last statement that completed. */
  readonly lastStatement: string | null
  /** The statement that failed (`failed` only). */
  readonly failedStatement: string | null
  /**
   * `started` only: the statement that was running when the runner's
   * session ended, between it and its journal entry: it may or may not
   * have taken effect. Null when the journal's last entry stands.
   */
  readonly inFlightStatement: string | null
  readonly error: string | null
  /**
   * Whether the script's first `statementsDone` statements are still those
   * that ran, so `resolve --continue` can go on; null when it cannot be told.
   */
  readonly scriptMatches: boolean | null
  /** The runner's server session is still there: the step may be in progress rather than stopped. */
  readonly runnerAlive: boolean
  /** All of it in one line. */
  readonly summary: string
  /** The ways out, in one line: `run 'athanor resolve ae10 --continue' (…), or …`. */
  readonly resolveHint: string
}

/**
 * Describes an unresolved row (status `started` or `failed`). The total and
 * whether the script still matches come from running the script against a
 * planning sink (see plannedStatements); `on` names the database in the line.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * declare const scripts: ScriptDirectory
 * const [row] = db.history.filter((entry) => entry.status === 'started')
 * if (row) console.log((await describeUnfinished(row, scripts, dialectNamed('mysql'), {})).summary)
 */
export async function describeUnfinished(
  row: HistoryRow,
  scripts: ScriptDirectory,
  dialect: Dialect,
  x: Readonly<Record<string, string>>,
  options: { readonly on?: string; readonly runnerAlive?: boolean } = {},
): Promise<UnfinishedStep> {
  const path = scripts.graph.has(row.revision) ? scripts.script(row.revision).source : undefined
  const done = row.statementsDone
  const direction = row.direction === 'downgrade' ? 'downgrade' : 'upgrade'
  // Imported here: an unfinished step is rare, and planning a script (the op
  // facade, node:crypto for the hash) was a fifth of what `current` loads.
  const planning = done === null ? undefined : await import('./planned-statements.js')
  const planned = await planning?.plannedStatements(scripts, row.revision, direction, dialect, x)
  const total = planned?.length ?? null
  let scriptMatches: boolean | null = null
  if (planned !== undefined && done !== null && row.statementsHash !== null) {
    const { chainStatementHash } = await import('./statement-hash.js')
    scriptMatches = done <= planned.length && planned.slice(0, done).reduce(chainStatementHash, '') === row.statementsHash
  }
  const status = row.status === 'failed' ? 'failed' : 'started'
  const runnerAlive = options.runnerAlive === true
  const step = {
    revision: row.revision,
    direction: row.direction,
    status,
    ...(path === undefined ? {} : { path }),
    startedAt: row.startedAt,
    statementsDone: done,
    statementsTotal: total,
    lastStatement: row.lastStatement,
    failedStatement: status === 'failed' ? row.statement : null,
    inFlightStatement: status === 'started' && done !== null ? row.statement : null,
    error: row.error,
    scriptMatches,
    runnerAlive,
  } as const
  return { ...step, summary: summarize(step, options.on), resolveHint: resolveHint(step) }
}

/** The ways out: `--continue` where the journal says which statements ran and the script still sends them. */
function resolveHint(step: Omit<UnfinishedStep, 'summary' | 'resolveHint'>): string {
  const done = step.statementsDone
  if (step.inFlightStatement !== null && done !== null) return uncertainHint(step.revision, done + 1, step.scriptMatches !== false)
  const next = done === null ? 0 : done + 1
  const total = step.statementsTotal
  const rest =
    total !== null && next > total
      ? 'none is left: it records the step'
      : `run the rest: ${total === null || total === next ? `from statement ${next}` : `statements ${next}-${total}`}`
  // Before any statement took effect, --continue is --retry: only the upgrade's own ways out are offered.
  const continuing =
    done !== null && done > 0 && step.scriptMatches !== false ? `run 'athanor resolve ${step.revision} --continue' (${rest}), or ` : ''
  return (
    `${continuing}fix the database or the script, then run 'athanor resolve ${step.revision} --retry' (run it again), ` +
    "'--applied' (it is complete) or '--rolled-back' (it is undone)"
  )
}

function summarize(step: Omit<UnfinishedStep, 'summary' | 'resolveHint'>, on: string | undefined): string {
  const where = step.path === undefined ? '' : ` (${step.path})`
  const head = `${step.direction} of revision ${step.revision}${where}${on === undefined ? '' : ` on ${on}`}`
  const done = step.statementsDone
  const of = step.statementsTotal === null ? '' : ` of ${step.statementsTotal}`
  const changed =
    step.scriptMatches === false
      ? `; the script changed since: its first ${done} statement${done === 1 ? ' is' : 's are'} not what ran`
      : ''
  if (done === null) {
    return step.status === 'failed'
      ? `${head} failed at ${step.startedAt}: ${step.error ?? 'unknown error'}`
      : `${head} started at ${step.startedAt} and never finished (its runner stopped)`
  }
  if (step.status === 'failed') {
    // No failed statement: the script itself threw, between statements.
    const where = step.failedStatement === null ? `after statement ${done}${of}` : `at statement ${done + 1}${of}`
    return `${head} failed ${where}: ${step.error ?? 'unknown error'}${changed}`
  }
  const state = step.runnerAlive ? 'is running, now' : 'stopped'
  if (step.inFlightStatement !== null && !step.runnerAlive) {
    return `${head} stopped during statement ${done + 1}${of}: ${oneLine(step.inFlightStatement)}; ${UNCERTAIN}${changed}`
  }
  if (done === 0) return `${head} ${state} before its first statement${of === '' ? '' : ` (of ${step.statementsTotal})`}${changed}`
  return `${head} ${state} after statement ${done}${of}: ${oneLine(step.lastStatement ?? '')}${changed}`
}

/** Why a statement in flight when its session ended cannot be taken as run, or as not run. */
const UNCERTAIN = 'its session ended before the journal recorded it, so it may or may not have taken effect'

/**
 * The ways out of a step whose statement `n` may or may not have taken
 * effect: the user looks, and says which with `--from`.
 *
 * @example
 * uncertainHint('ae1027a6acf0', 2, true)
 * // "check whether statement 2 took effect, then run 'athanor resolve ae1027a6acf0 --continue --from 3' (it did) or …"
 */
export function uncertainHint(revision: string, n: number, canContinue: boolean): string {
  const continuing = canContinue
    ? `check whether statement ${n} took effect, then run 'athanor resolve ${revision} --continue --from ${n + 1}' (it did) ` +
      `or '--continue --from ${n}' (it did not), or `
    : ''
  return (
    `${continuing}fix the database, then run 'athanor resolve ${revision} --applied' (it is complete) ` +
    "or '--rolled-back' (it is undone)"
  )
}

/**
 * A statement on one line, a long one cut, for a message.
 *
 * @example
 * oneLine('CREATE TABLE t (\n  id INT\n)') // 'CREATE TABLE t ( id INT )'
 */
export function oneLine(sql: string): string {
  const shown = sql.replace(/\s+/g, ' ').trim()
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown
}

/**
 * The database's unfinished steps, described, read without the migration
 * lock (as `current` does): a step whose runner's session is still on the
 * server may be in progress rather than stopped, and says so; `on` names
 * the database in each summary.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * import { withConnection } from './connect.js'
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * const steps = await withConnection(project.databaseUrl(), (connection) =>
 *   readUnfinishedSteps(connection, dialectNamed(connection.dialect), 'athanor_version_history', scripts, project.x),
 * )
 */
export async function readUnfinishedSteps(
  connection: DatabaseConnection,
  dialect: Dialect,
  table: string,
  scripts: ScriptDirectory,
  x: Readonly<Record<string, string>>,
  options: { readonly on?: string } = {},
): Promise<UnfinishedStep[]> {
  const steps: UnfinishedStep[] = []
  for (const row of await readUnresolvedHistory(connection, dialect.compiler, table)) {
    const { runnerMayBeAlive } = await import('./runner-sessions.js')
    const runnerAlive = await runnerMayBeAlive(connection, dialect, row)
    steps.push(await describeUnfinished(row, scripts, dialect, x, { ...options, runnerAlive }))
  }
  return steps
}

/**
 * A step whose runner stopped before the journal recorded any of its
 * statements changed nothing, unless an interrupted index build left an
 * invalid index, which only the statement journal cannot see. Its row can
 * be recorded rolled back once that runner's session has left the server.
 *
 * @example
 * stoppedBeforeAnyStatement({ status: 'started', statementsDone: 0, inFlight: null }, false) // true
 */
export function stoppedBeforeAnyStatement(
  row: { readonly status: string; readonly statementsDone: number | null; readonly inFlight: string | null },
  invalidIndexes: boolean,
): boolean {
  // A first statement marked in flight may have taken effect (see HistoryWriter.inFlightStatement).
  return row.status === 'started' && row.statementsDone === 0 && row.inFlight === null && !invalidIndexes
}
