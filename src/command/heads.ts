import { openProject, type CommandOptions } from '../config/project.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/**
 * The heads of the script graph (`heads`): the revisions no other revision
 * builds on. More than one means branches that a merge may join.
 *
 * @example
 * const ids = (await heads({ directory: 'migrations' })).map((head) => head.revision)
 * if (ids.length > 1) await merge({ directory: 'migrations', message: 'merge heads' }, ['heads'])
 */
export async function heads(options: CommandOptions = {}): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.heads.map((id) => revisionView(scripts, id))
}
