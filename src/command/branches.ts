import { openProject, type CommandOptions } from '../config/project.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/** Branch points and where they lead (`branches`). */
export async function branches(options: CommandOptions = {}): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.revisions.filter((node) => node.isBranchPoint).map((node) => revisionView(scripts, node.id))
}
