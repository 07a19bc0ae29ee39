import { formatShort, formatVerbose } from '../format.js'
import { appliedOption, printAppliedHistory } from '../verbs-safety.js'
import { at, json, printViews, str, verbose, type Verb } from './shared.js'

export const historyVerb: Verb = {
  summary: 'list revisions from heads to bases',
  usage:
    'history [-r RANGE] [-v] [-i] [--json] | history --applied [--json]    (RANGE: [start]:[end], e.g. base:head, ae10:, -3:, current:)',
  options: [
    { name: 'rev-range', short: 'r', value: true, description: 'only revisions in [start]:[end]' },
    verbose,
    { name: 'indicate-current', short: 'i', description: 'mark the current revisions (reads the database; with several, names each)' },
    json,
    appliedOption,
  ],
  async run(args) {
    const { positionals, options, common, io } = args
    at(positionals, 0, 'history')
    if (options['applied'] === true) return printAppliedHistory(args)
    const range = str(options['rev-range'])
    const { history } = await import('../../command/history.js')
    const views = await history({ ...common, ...(range ? { range } : {}), indicateCurrent: options['indicate-current'] === true })
    printViews(io, views, options['json'] === true, (view) =>
      options['verbose'] === true ? formatVerbose(view) : formatShort(view, { parents: true, labels: true, doc: true }),
    )
    return 0
  },
}
