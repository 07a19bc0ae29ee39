import { AthanorError } from '../core/errors.js'
import { revision, type RevisionOptions, type RevisionResult } from './revision.js'

/**
 * Writes a merge revision whose parents are the given revisions
 * (`merge -m MSG heads`), joining branches into one head again.
 *
 * @example
 * await merge({ message: 'merge feature branches' }, ['heads'])
 */
export async function merge(options: RevisionOptions, revisions: readonly string[]): Promise<RevisionResult> {
  if (revisions.length === 0) {
    throw new AthanorError('MERGE_NEEDS_REVISIONS', 'merge needs the revisions to merge, e.g. \'athanor merge -m "merge" heads\'')
  }
  return revision({ ...options, head: revisions })
}
