import { openProject, type CommandOptions } from '../config/project.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/**
 * Branch points and where they lead (`branches`): the revisions that more
 * than one revision names as its parent.
 *
 * @example
 * for (const point of await branches({ directory: 'migrations' })) {
 *   console.log(`${point.revision} -> ${point.nextRevisions.join(', ')}`)
 * }
 */
export async function branches(options: CommandOptions = {}): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.revisions.filter((node) => node.isBranchPoint).map((node) => revisionView(scripts, node.id))
}
