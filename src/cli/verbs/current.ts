import { current } from '../../command/current.js'
import { formatShort, formatVerbose } from '../format.js'
import { info, out } from '../io.js'
import { at, json, named, verbose, type Verb } from './shared.js'

export const currentVerb: Verb = {
  summary: "show the database's current revision(s); with several databases, each one's",
  usage: 'current [-v] [--json] [--db NAME]',
  options: [verbose, json],
  async run({ positionals, options, common, io }) {
    at(positionals, 0, 'current')
    const result = await current(common)
    if (options['json'] === true) {
      out(io, JSON.stringify(result, null, 2))
      return 0
    }
    for (const one of result.databases ?? [result]) {
      if (options['verbose'] === true) out(io, named(one.database, `Current revision(s) for ${one.url}:`))
      // Every revision listed here is current; Alembic's text does not mark them so.
      for (const listed of one.revisions) {
        const view = { ...listed, isCurrent: false }
        out(io, options['verbose'] === true ? formatVerbose(view) : named(one.database, formatShort(view)))
      }
      if (one.revisions.length === 0) {
        const line = named(one.database, 'The database is at base: no revision applied.')
        // Several databases: the line belongs with the others on stdout, so a reader sees every database.
        if (one.database === undefined) info(io, line)
        else out(io, line)
      }
    }
    return 0
  },
}
