import { runMigrations, type MigrateOptions, type MigrateResult } from '../runtime/run-migrations.js'

/**
 * Applies migrations up to `target` (default `head`), like `flask db upgrade`.
 * Safe to call at application start-up: a database already at the target
 * does nothing.
 *
 * @example
 * import { upgrade } from 'athanor'
 * const { databases } = await upgrade({ directory: 'migrations', url: 'sqlite:///app.db' })
 * databases[0]?.steps.length // 0 when the database was already at head
 */
export function upgrade(options: MigrateOptions = {}, target: string = 'head'): Promise<MigrateResult> {
  return runMigrations(options, target, (graph, heads, destination) => graph.planUpgrade(heads, destination), 'upgrade')
}

export type { MigrateOptions, MigrateResult }
export type { RunReporter } from '../runtime/reporter.js'
