import { allOptions, fanOutArgs, runAll } from '../all-databases.js'
import { AthanorError } from '../../core/errors.js'
import { info } from '../io.js'
import { withStopSignals } from '../signals.js'
import { reportWhereabouts } from '../whereabouts.js'
import { galeraOsuOption, lockArgs, lockTimeoutOption } from '../verbs-safety.js'
import { ddlLockOptions, timeoutArgs } from '../timeout-options.js'
import { refuseJsonWithSql } from './move.js'
import { json, named, printJsonOr, sql, tag, type Verb } from './shared.js'

export const stampVerb: Verb = {
  summary: 'set the version table to REV... without running migrations',
  usage: 'stamp REV... [--purge] [--sql] [--json] [--db NAME] [--all [--parallel N] [--on-error stop|continue] [--canary N]]',
  options: [
    sql,
    tag,
    { name: 'purge', description: 'empty the version table first (for a database stamped with an unknown revision)' },
    lockTimeoutOption,
    ...ddlLockOptions,
    galeraOsuOption,
    json,
    ...allOptions,
  ],
  afterFailure: reportWhereabouts,
  async run(args) {
    const { positionals, options, common, io } = args
    if (positionals.length === 0) throw new AthanorError('MISSING_ARGUMENT', "stamp needs a revision, e.g. 'athanor stamp head'")
    refuseJsonWithSql(options)
    const fan = fanOutArgs(options)
    return withStopSignals(io, async (signal) => {
      const shared = {
        ...common,
        ...lockArgs(options, io),
        ...timeoutArgs(options),
        onRetry: (line: string) => info(io, line),
        signal,
        purge: options['purge'] === true,
      }
      if (fan !== undefined) {
        const { stampAll } = await import('../../command/all-databases.js')
        return runAll(
          args,
          { ...fan, signal },
          (fanned) => stampAll({ ...shared, ...fanned }, positionals),
          () => 0,
        )
      }
      const { stamp } = await import('../../command/stamp.js')
      const result = await stamp(
        {
          ...shared,
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
