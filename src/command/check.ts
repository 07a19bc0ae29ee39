import { describeOperationLines } from '../diff/describe.js'
import type { Operation } from '../ops/operation.js'
import { compareModels, type CompareOptions } from '../runtime/compare-models.js'

/**
 * What `check` found: the operations a `migrate` would write and one line
 * per difference, across all databases and for each.
 *
 * @example
 * const { databases } = await checkModels({ directory: 'migrations' })
 * for (const { database, differences } of databases) if (differences.length > 0) console.error(database ?? 'database', differences)
 */
export interface CheckResult {
  readonly ops: readonly Operation[]
  /**
   * One line per difference, as `check` prints them (each change inside a
   * SQLite batch is one); with several databases each starts with `NAME: `.
   */
  readonly differences: readonly string[]
  /** The differences of each database, in config order; a single-database project has one entry. */
  readonly databases: readonly { readonly database?: string; readonly ops: readonly Operation[]; readonly differences: readonly string[] }[]
  /**
   * What the databases hold that the models cannot represent (events,
   * domains, policies, …), `kind name` a line: not managed, never dropped.
   * With several databases each starts with `NAME: `.
   */
  readonly notManaged: readonly string[]
}

/**
 * Whether the models and the database agree (`check`, for CI): the
 * operations a `migrate` would write, described one per line.
 *
 * @example
 * import { checkModels } from 'athanor' // exported under this name
 * const { differences } = await checkModels({ directory: 'migrations' })
 * if (differences.length > 0) process.exitCode = 1
 */
export async function check(options: CompareOptions): Promise<CheckResult> {
  const { ops, databases } = await compareModels(options)
  const each = databases.map((d) => ({ ...d, differences: d.ops.flatMap(describeOperationLines) }))
  const named = (database: string | undefined, line: string) => (database === undefined ? line : `${database}: ${line}`)
  const notManaged = databases.flatMap((d) => d.unmanaged.map((o) => named(d.database, `${o.kind} ${o.name}`)))
  return {
    ops,
    differences: each.flatMap((d) => d.differences.map((line) => named(d.database, line))),
    databases: each.map(({ unmanaged: _unmanaged, ...d }) => d),
    notManaged,
  }
}
