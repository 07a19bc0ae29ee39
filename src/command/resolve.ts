import { oneDatabase } from '../config/database-selection.js'
import { openProject, type CommandOptions } from '../config/project.js'
import type { EditedScript } from '../runtime/history-checks.js'
import { withMigrationLock, type MigrationLockOptions } from '../runtime/locked-run.js'
import type { RunReporter } from '../runtime/reporter.js'
import { acceptEditedScripts, settleStep, type Resolution, type ResolveResult } from '../runtime/settle-step.js'

/**
 * Options of `resolve` and `acceptEdited`: the project, how long to wait
 * for the migration lock, and who hears about a step that is run again.
 *
 * @example
 * await resolve({ url: 'mysql://root@127.0.0.1/app', lockTimeout: '2m' }, 'ae1027a6acf', 'retry')
 */
export interface ResolveOptions extends CommandOptions, MigrationLockOptions {
  readonly reporter?: RunReporter
  /**
   * `continue` only: the statement to continue from, where the step's
   * statement was in flight when its session ended (UNCERTAIN_STATEMENT):
   * that statement's number to run it again, the next to take it as done.
   */
  readonly from?: number
}

/**
 * Settles a step that ran outside a transaction and failed midway or never
 * finished (every step on MySQL/MariaDB, `transactional = false` scripts
 * elsewhere). Until then upgrade and downgrade refuse the database.
 *
 * @example
 * await resolve({ url: 'mysql://root@127.0.0.1/app' }, 'ae1027a6acf', 'retry')
 */
export async function resolve(options: ResolveOptions, revision: string, resolution: Resolution): Promise<ResolveResult> {
  const project = oneDatabase(await openProject(options), options)
  const scripts = await project.scripts()
  return withMigrationLock(project, options, (db) => settleStep(db, project, scripts, revision, resolution, options.reporter, options.from))
}

/**
 * Takes the current content of edited applied scripts as their reference
 * (Flyway's `repair`): after this, upgrade no longer stops on them. With
 * no revisions given, every edited applied script.
 *
 * @example
 * const accepted = await acceptEdited({ directory: 'migrations' }, [])
 * accepted.map((script) => script.source) // the edited applied scripts, now the reference
 */
export async function acceptEdited(options: ResolveOptions, revisions: readonly string[]): Promise<EditedScript[]> {
  const project = oneDatabase(await openProject(options), options)
  const scripts = await project.scripts()
  return withMigrationLock(project, options, (db) => acceptEditedScripts(db, scripts, revisions))
}

export type { EditedScript, Resolution, ResolveResult }
