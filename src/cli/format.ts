import type { RevisionView } from '../script/revision-view.js'

const list = (ids: readonly string[]) => ids.join(', ')

function downRevisionText(view: RevisionView): string {
  return view.downRevisions.length === 0 ? '<base>' : list(view.downRevisions)
}

function markers(view: RevisionView, options: { tree: boolean }): string {
  let text = ''
  if (view.isHead) text += ' (head)'
  // Several databases (`history -i`): say which of them are here.
  if (view.isCurrent) text += view.currentIn === undefined ? ' (current)' : ` (current: ${list(view.currentIn)})`
  if (view.unfinished !== undefined) text += ` (unfinished: ${view.unfinished})`
  if (options.tree) {
    if (view.isBranchPoint) text += ' (branchpoint)'
    if (view.isMergePoint) text += ' (mergepoint)'
  }
  return text
}

/**
 * One line per revision, in Alembic's wording so that scripts and habits
 * carry over: `1975ea83b712 -> ae1027a6acf0 (head), add email`.
 */
export function formatShort(
  view: RevisionView,
  options: { parents?: boolean; doc?: boolean; labels?: boolean; tree?: boolean } = {},
): string {
  let text = view.revision
  if (options.parents) {
    const deps = view.dependsOn.length > 0 ? ` (${list(view.dependsOn)})` : ''
    text = `${downRevisionText(view)}${deps} -> ${text}`
  }
  if (options.labels && view.branchLabels.length > 0) text += ` (${list(view.branchLabels)})`
  text += markers(view, { tree: options.tree ?? true })
  if (options.doc) text += `, ${view.message}`
  return text
}

/** The verbose block of `history -v`, `show` and `current -v`. */
export function formatVerbose(view: RevisionView): string {
  const lines = [`Rev: ${view.revision}${markers(view, { tree: true })}`]
  lines.push(view.isMergePoint ? `Merges: ${downRevisionText(view)}` : `Parent: ${downRevisionText(view)}`)
  if (view.dependsOn.length > 0) lines.push(`Also depends on: ${list(view.dependsOn)}`)
  if (view.isBranchPoint) lines.push(`Branches into: ${list(view.nextRevisions)}`)
  if (view.branchLabels.length > 0) lines.push(`Branch names: ${list(view.branchLabels)}`)
  lines.push(`Path: ${view.path}`)
  lines.push('')
  lines.push(`    ${view.message}`)
  lines.push('')
  lines.push(`    Revision ID: ${view.revision}`)
  lines.push(`    Revises: ${list(view.downRevisions)}`)
  if (view.createDate) lines.push(`    Create Date: ${view.createDate}`)
  // A blank line after each block, so `history -v` reads as separate entries.
  return `${lines.join('\n')}\n\n`
}
