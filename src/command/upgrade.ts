import { runMigrations, type DatabaseRunResult, type MigrateOptions, type MigrateResult } from '../runtime/run-migrations.js'
import { lintBeforeUpgrade, type UpgradeOptions } from './lint-before-upgrade.js'

/**
 * Applies migrations up to `target` (default `head`), like `flask db upgrade`.
 * Safe to call at application start-up: a database already at the target,
 * or past it (an older release started against a newer database), does
 * nothing, as Alembic does.
 *
 * @example
 * import { upgrade } from 'athanor'
 * const { databases } = await upgrade({ directory: 'migrations', url: 'sqlite:///app.db' })
 * databases[0]?.changed // false when the database was already at head
 * databases[0]?.alreadyPast // the target's revisions the database was ahead of, when that is why nothing ran
 * await upgrade({ directory: 'migrations', lint: 'error' }) // LINT_FAILED, with nothing run, when lint finds an error
 */
export async function upgrade(options: UpgradeOptions = {}, target: string = 'head'): Promise<MigrateResult> {
  await lintBeforeUpgrade(options, target)
  return runMigrations(options, target, (graph, heads, destination) => graph.planUpgrade(heads, destination), 'upgrade')
}

export type { DatabaseRunResult, MigrateOptions, MigrateResult, UpgradeOptions }
export type { RunReporter } from '../runtime/reporter.js'
