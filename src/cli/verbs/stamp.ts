import { stamp } from '../../command/stamp.js'
import { AthanorError } from '../../core/errors.js'
import { info } from '../io.js'
import { withStopSignals } from '../signals.js'
import { reportWhereabouts } from '../whereabouts.js'
import { galeraOsuOption, lockArgs, lockTimeoutOption } from '../verbs-safety.js'
import { refuseJsonWithSql } from './move.js'
import { json, named, printJsonOr, sql, tag, type Verb } from './shared.js'

export const stampVerb: Verb = {
  summary: 'set the version table to REV... without running migrations',
  usage: 'stamp REV... [--purge] [--sql] [--json] [--db NAME]',
  options: [
    sql,
    tag,
    { name: 'purge', description: 'empty the version table first (for a database stamped with an unknown revision)' },
    lockTimeoutOption,
    galeraOsuOption,
    json,
  ],
  afterFailure: reportWhereabouts,
  async run({ positionals, options, common, io }) {
    if (positionals.length === 0) throw new AthanorError('MISSING_ARGUMENT', "stamp needs a revision, e.g. 'athanor stamp head'")
    refuseJsonWithSql(options)
    return withStopSignals(io, async (signal) => {
      const result = await stamp(
        {
          ...common,
          ...lockArgs(options, io),
          signal,
          purge: options['purge'] === true,
          sql: options['sql'] === true,
          write: (text) => io.stdout.write(text),
        },
        positionals,
      )
      printJsonOr(io, result, options['json'] === true, () => {
        for (const one of result.databases) {
          for (const revision of one.resolved) info(io, named(one.database, `Settled the unresolved step of ${revision}.`))
          if (options['sql'] !== true)
            info(io, named(one.database, `Stamped ${one.to.join(', ') || 'base'} (was ${one.from.join(', ') || 'base'}).`))
        }
      })
      return 0
    })
  },
}
