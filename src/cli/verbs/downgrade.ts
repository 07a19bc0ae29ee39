import { downgrade } from '../../command/downgrade.js'
import { streamReporter } from '../reporter.js'
import { allowEditedOption, lockArgs, lockTimeoutOption, warnEdited } from '../verbs-safety.js'
import { withStopSignals } from '../signals.js'
import { timeoutArgs, timeoutOptions } from '../timeout-options.js'
import { reportMove } from './move.js'
import { at, runOptions, sql, tag, transactionMode, type Verb } from './shared.js'

export const downgradeVerb: Verb = {
  summary: 'revert migrations down to a target (default: -1, one step)',
  usage: 'downgrade [TARGET] [--sql] [--tag T] [--allow-edited]    (TARGET: -1, REV, base, label@-1; FROM:TO with --sql)',
  options: [sql, tag, transactionMode, lockTimeoutOption, ...timeoutOptions, allowEditedOption],
  async run({ positionals, options, common, io }) {
    const [target = '-1'] = at(positionals, 1, 'downgrade')
    const { lockTimeout } = lockArgs(options, io)
    return withStopSignals(io, async (signal) => {
      const result = await downgrade(
        {
          ...common,
          ...runOptions(options),
          ...(lockTimeout === undefined ? {} : { lockTimeout }),
          ...timeoutArgs(options),
          signal,
          allowEdited: options['allow-edited'] === true,
          reporter: streamReporter(io.stderr as NodeJS.WriteStream),
          write: (text) => io.stdout.write(text),
        },
        target,
      )
      for (const one of result.databases) warnEdited(io, one.edited, one.database)
      if (options['sql'] !== true) reportMove(io, result, 'downgrade')
      return 0
    })
  },
}
