import { describeOperation } from '../diff/describe.js'
import type { Operation } from '../ops/operation.js'
import { compareModels, type CompareOptions } from './compare-models.js'

export interface CheckResult {
  readonly ops: readonly Operation[]
  /** One line per difference, as `check` prints them. */
  readonly differences: readonly string[]
}

/**
 * Whether the models and the database agree (`check`, for CI): the
 * operations a `migrate` would write, described one per line.
 *
 * @example
 * const { differences } = await check({ directory: 'migrations' })
 * if (differences.length > 0) process.exitCode = 1
 */
export async function check(options: CompareOptions): Promise<CheckResult> {
  const { ops } = await compareModels(options)
  return { ops, differences: ops.map(describeOperation) }
}
