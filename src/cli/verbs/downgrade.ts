import { downgrade } from '../../command/downgrade.js'
import { streamReporter } from '../reporter.js'
import { reportWhereabouts } from '../whereabouts.js'
import { allowEditedOption, lockArgs, lockTimeoutOption, galeraOsuOption, warnEdited } from '../verbs-safety.js'
import { withStopSignals } from '../signals.js'
import { timeoutArgs, timeoutOptions } from '../timeout-options.js'
import { refuseJsonWithSql, reportMove } from './move.js'
import { at, json, runOptions, sql, tag, transactionMode, type Verb } from './shared.js'

export const downgradeVerb: Verb = {
  summary: 'revert migrations down to a target (default: -1, one step)',
  usage: 'downgrade [TARGET] [--sql] [--tag T] [--allow-edited] [--json]    (TARGET: -1, REV, base, label@-1; FROM:TO with --sql)',
  options: [sql, tag, transactionMode, lockTimeoutOption, galeraOsuOption, ...timeoutOptions, allowEditedOption, json],
  afterFailure: reportWhereabouts,
  async run({ positionals, options, common, io }) {
    const [target = '-1'] = at(positionals, 1, 'downgrade')
    refuseJsonWithSql(options)
    const { lockTimeout, galeraOsu } = lockArgs(options, io)
    return withStopSignals(io, async (signal) => {
      const result = await downgrade(
        {
          ...common,
          ...runOptions(options),
          ...(lockTimeout === undefined ? {} : { lockTimeout }),
          ...(galeraOsu === undefined ? {} : { galeraOsu }),
          ...timeoutArgs(options),
          signal,
          allowEdited: options['allow-edited'] === true,
          reporter: streamReporter(io.stderr as NodeJS.WriteStream),
          write: (text) => io.stdout.write(text),
        },
        target,
      )
      for (const one of result.databases) warnEdited(io, one.edited, one.database)
      reportMove(io, result, 'downgrade', options)
      return 0
    })
  },
}
