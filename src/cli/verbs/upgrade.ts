import { upgrade } from '../../command/upgrade.js'
import { streamReporter } from '../reporter.js'
import { reportWhereabouts } from '../whereabouts.js'
import { allowEditedOption, lockArgs, lockTimeoutOption, galeraOsuOption, warnEdited } from '../verbs-safety.js'
import { withStopSignals } from '../signals.js'
import { timeoutArgs, timeoutOptions } from '../timeout-options.js'
import { refuseJsonWithSql, reportMove } from './move.js'
import { at, json, runOptions, sql, tag, transactionMode, type Verb } from './shared.js'
import { textReport } from '../lint/text.js'
import { info } from '../io.js'

export const upgradeVerb: Verb = {
  summary: 'apply migrations up to a target (default: head)',
  usage:
    'upgrade [TARGET] [--sql] [--lint] [--tag T] [--lock-timeout S] [--allow-edited] [--json]    ' +
    '(TARGET: head, heads, REV, +N, label@head, FROM:TO with --sql)',
  options: [
    sql,
    { name: 'lint', description: 'lint the migrations to run first, and refuse (nothing run) on an error finding' },
    tag,
    transactionMode,
    lockTimeoutOption,
    galeraOsuOption,
    ...timeoutOptions,
    allowEditedOption,
    json,
  ],
  afterFailure: reportWhereabouts,
  async run({ positionals, options, common, io }) {
    const [target = 'head'] = at(positionals, 1, 'upgrade')
    refuseJsonWithSql(options)
    const { lockTimeout, galeraOsu } = lockArgs(options, io)
    return withStopSignals(io, async (signal) => {
      const result = await upgrade(
        {
          ...common,
          ...runOptions(options),
          ...(lockTimeout === undefined ? {} : { lockTimeout }),
          ...(galeraOsu === undefined ? {} : { galeraOsu }),
          ...timeoutArgs(options),
          signal,
          allowEdited: options['allow-edited'] === true,
          ...(options['lint'] === true ? { lint: 'error' as const } : {}),
          onLint: (report) => info(io, textReport(report, process.cwd()).trimEnd()),
          reporter: streamReporter(io.stderr as NodeJS.WriteStream),
          write: (text) => io.stdout.write(text),
        },
        target,
      )
      for (const one of result.databases) warnEdited(io, one.edited, one.database)
      reportMove(io, result, 'upgrade', options)
      return 0
    })
  },
}
