import { runMigrations, type MigrateOptions, type MigrateResult } from '../runtime/run-migrations.js'

/**
 * Reverts migrations down to `target` (default `-1`: one step back), like
 * `flask db downgrade`.
 *
 * @example
 * await downgrade({ directory: 'migrations' }) // one step back
 * await downgrade({ directory: 'migrations' }, 'base') // everything undone
 */
export function downgrade(options: MigrateOptions = {}, target: string = '-1'): Promise<MigrateResult> {
  return runMigrations(options, target, (graph, heads, destination) => graph.planDowngrade(heads, destination), 'downgrade')
}
