import { renderScript } from '../ops/render-script.js'
import type { Operation } from '../ops/operation.js'
import { compareModels, type CompareOptions } from './compare-models.js'
import { revision, type RevisionOptions, type RevisionResult } from './revision.js'

export interface AutogenerateOptions extends CompareOptions, Omit<RevisionOptions, 'body'> {}

export interface AutogenerateResult {
  readonly ops: readonly Operation[]
  /** The new script; absent when nothing changed (no file is written). */
  readonly revision?: RevisionResult
}

/**
 * Compares the models with the database and writes the difference as a new
 * migration script (`flask db migrate`, `revision --autogenerate`): upgrade
 * holds the operations, downgrade their reverses in reverse order. No
 * changes, no file.
 *
 * @example
 * const { revision } = await migrate({ directory: 'migrations', message: 'add email' })
 */
export async function migrate(options: AutogenerateOptions): Promise<AutogenerateResult> {
  const { ops } = await compareModels(options)
  if (ops.length === 0) return { ops }
  const body = renderScript(ops)
  return { ops, revision: await revision({ ...options, body }) }
}
