import type { CurrentResult } from '../../command/current.js'
import { allOptions, fanOutArgs, runAll } from '../all-databases.js'
import { formatShort, formatVerbose } from '../format.js'
import { warnInvalidIndexes } from '../invalid-indexes.js'
import { info, out, type CliIo } from '../io.js'
import { at, json, named, printJsonOr, verbose as verboseOption, type Verb } from './shared.js'

export const currentVerb: Verb = {
  summary: "show the database's current revision(s); with several databases, each one's",
  usage: 'current [-v] [--json] [--db NAME] [--all [--parallel N] [--on-error stop|continue] [--canary N]]',
  options: [verboseOption, json, ...allOptions],
  async run(args) {
    const { positionals, options, common, io } = args
    at(positionals, 0, 'current')
    const fan = fanOutArgs(options)
    if (fan !== undefined) {
      const { currentAll } = await import('../../command/all-databases.js')
      return runAll(
        args,
        fan,
        (fanned) => currentAll({ ...common, ...fanned }),
        () => 0,
      )
    }
    const { current } = await import('../../command/current.js')
    const result = await current(common)
    printJsonOr(io, result, options['json'] === true, () => printCurrent(io, result, options['verbose'] === true))
    return 0
  },
}

function printCurrent(io: CliIo, result: CurrentResult, verbose: boolean): void {
  for (const one of result.databases) {
    if (verbose) out(io, named(one.database, `Current revision(s) for ${one.url}:`))
    // Every revision listed here is current; Alembic's text does not mark them so.
    for (const listed of one.revisions) {
      const view = { ...listed, isCurrent: false }
      out(io, verbose ? formatVerbose(view) : named(one.database, formatShort(view)))
    }
    if (one.revisions.length === 0) {
      const where = one.missing === true ? `${one.url} does not exist yet, so it is at base` : 'The database is at base'
      const line = named(one.database, `${where}: no revision applied.`)
      // Several databases: the line belongs with the others on stdout, so a reader sees every database.
      if (one.database === undefined) info(io, line)
      else out(io, line)
    }
    warnInvalidIndexes(io, one.invalidIndexes, one.database)
    // Part of where the database is: some statements of these revisions ran.
    for (const step of one.unfinished) {
      const next = step.runnerAlive ? '' : `; ${step.resolveHint}`
      out(io, named(one.database, `Unfinished: ${step.summary}${next}`))
    }
  }
}
