import { openProject, type CommandOptions } from '../config/project.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/**
 * One revision in full (`show REV`); REV may be partial or symbolic
 * (`head`, `ae10`, `label@head`), so it may name several.
 *
 * @example
 * const [view] = await show({ directory: 'migrations' }, 'head')
 * console.log(view?.revision, view?.message, view?.path)
 */
export async function show(options: CommandOptions, target: string): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.resolve(target).map((id) => revisionView(scripts, id))
}
