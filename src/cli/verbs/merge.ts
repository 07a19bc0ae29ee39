import { info } from '../io.js'
import { branchLabel, json, message, printJsonOr, revId, str, strs, type Verb } from './shared.js'

export const mergeVerb: Verb = {
  summary: 'write a revision that merges several heads into one',
  usage: 'merge -m MSG REV... [--json] (e.g. merge -m "merge" heads)',
  options: [message, branchLabel, revId, json],
  async run({ positionals, options, common, io }) {
    const revIdValue = str(options['rev-id'])
    const { merge } = await import('../../command/merge.js')
    const result = await merge(
      {
        ...common,
        message: str(options['message']) ?? '',
        branchLabels: strs(options['branch-label']),
        ...(revIdValue === undefined ? {} : { revId: revIdValue }),
      },
      positionals,
    )
    printJsonOr(io, result, options['json'] === true, () => info(io, `Generating ${result.path} ... done`))
    return 0
  },
}
