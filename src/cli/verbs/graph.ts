import { AthanorError } from '../../core/errors.js'
import { formatShort, formatVerbose } from '../format.js'
import { out } from '../io.js'
import { at, json, printJsonOr, printViews, verbose, type Verb } from './shared.js'

// The verbs that read only the scripts: one graph for every database.

export const headsVerb: Verb = {
  summary: 'list the heads of the revision graph',
  usage: 'heads [-v] [--json]',
  options: [verbose, json],
  async run({ positionals, options, common, io }) {
    at(positionals, 0, 'heads')
    const { heads } = await import('../../command/heads.js')
    printViews(io, await heads(common), options['json'] === true, (view) =>
      options['verbose'] === true ? formatVerbose(view) : formatShort(view, { labels: true }),
    )
    return 0
  },
}

export const branchesVerb: Verb = {
  summary: 'list branch points and the branches they start',
  usage: 'branches [-v] [--json]',
  options: [verbose, json],
  async run({ positionals, options, common, io }) {
    at(positionals, 0, 'branches')
    const { branches } = await import('../../command/branches.js')
    const views = await branches(common)
    printJsonOr(io, views, options['json'] === true, () => {
      for (const view of views) {
        out(io, options['verbose'] === true ? formatVerbose(view) : formatShort(view, { labels: true }))
        for (const next of view.nextRevisions) out(io, `${' '.repeat(view.revision.length)} -> ${next}`)
        out(io, '')
      }
    })
    return 0
  },
}

export const showVerb: Verb = {
  summary: 'show one revision in full',
  usage: 'show REV [--json]',
  options: [json],
  async run({ positionals, options, common, io }) {
    const [target] = at(positionals, 1, 'show')
    if (!target) throw new AthanorError('MISSING_ARGUMENT', "show needs a revision, e.g. 'athanor show head'")
    const { show } = await import('../../command/show.js')
    printViews(io, await show(common, target), options['json'] === true, formatVerbose)
    return 0
  },
}
