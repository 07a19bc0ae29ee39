import { openProject, type CommandOptions } from '../config/project.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/** The heads of the script graph (`heads`). */
export async function heads(options: CommandOptions = {}): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.heads.map((id) => revisionView(scripts, id))
}
