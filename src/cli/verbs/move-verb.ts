import { AthanorError } from '../../core/errors.js'
import type { FanOutResult, MigrateAllOptions } from '../../command/all-databases.js'
import type { MigrateResult, UpgradeOptions } from '../../command/upgrade.js'
import { allOptions, fanOutArgs, runAll } from '../all-databases.js'
import { info } from '../io.js'
import { textReport } from '../lint/text.js'
import { streamReporter } from '../reporter.js'
import { withStopSignals } from '../signals.js'
import { timeoutArgs, timeoutOptions } from '../timeout-options.js'
import { allowEditedOption, galeraOsuOption, lockArgs, lockTimeoutOption, warnEdited } from '../verbs-safety.js'
import { reportWhereabouts } from '../whereabouts.js'
import { refuseJsonWithSql, reportMove } from './move.js'
import { at, json, runOptions, sql, tag, transactionMode, type Verb } from './shared.js'

const lintOption = { name: 'lint', description: 'lint the migrations to run first, and refuse (nothing run) on an error finding' }

/** What tells `upgrade` and `downgrade` apart; the rest of the two verbs is one. */
export interface MoveSpec {
  readonly verb: 'upgrade' | 'downgrade'
  readonly summary: string
  readonly usage: string
  readonly defaultTarget: string
  /** It takes `--lint`: lint the migrations to run first (upgrade). */
  readonly lints?: boolean
  /** The command on the project's databases; it imports the command's module when run, so other verbs never load it. */
  readonly one: (options: UpgradeOptions, target: string) => Promise<MigrateResult>
  readonly all: (options: MigrateAllOptions, target: string) => Promise<FanOutResult>
}

/**
 * `upgrade` or `downgrade`: on the project's database (or each of its
 * databases), or with `--all` on every tenant.
 *
 * @example
 * import { upgrade } from '../../command/upgrade.js'
 * import { upgradeAll } from '../../command/all-databases.js'
 * const spec = { summary: 'apply migrations', usage: 'upgrade [TARGET]', defaultTarget: 'head', one: upgrade, all: upgradeAll }
 * const verb = moveVerb({ verb: 'upgrade', ...spec })
 */
export function moveVerb(spec: MoveSpec): Verb {
  return {
    summary: spec.summary,
    usage: spec.usage,
    options: [
      sql,
      ...(spec.lints === true ? [lintOption] : []),
      tag,
      transactionMode,
      lockTimeoutOption,
      galeraOsuOption,
      ...timeoutOptions,
      allowEditedOption,
      json,
      ...allOptions,
    ],
    afterFailure: reportWhereabouts,
    async run(args) {
      const { positionals, options, common, io } = args
      const [target = spec.defaultTarget] = at(positionals, 1, spec.verb)
      refuseJsonWithSql(options)
      const { lockTimeout, galeraOsu } = lockArgs(options, io)
      const fan = fanOutArgs(options)
      if (fan !== undefined && options['lint'] === true) {
        throw new AthanorError('INVALID_OPTION', '--lint cannot go with --all: run athanor lint first, then upgrade --all')
      }
      // A plan's run: memory over a little speed (see keepYoungGenerationSmall); the fan-out keeps its own.
      // Imported here: node:v8 is three modules more for every other command.
      if (fan === undefined) (await import('../young-generation.js')).keepYoungGenerationSmall()
      return withStopSignals(io, async (signal) => {
        const shared = {
          ...common,
          ...runOptions(options),
          ...(lockTimeout === undefined ? {} : { lockTimeout }),
          ...(galeraOsu === undefined ? {} : { galeraOsu }),
          ...timeoutArgs(options),
          signal,
          allowEdited: options['allow-edited'] === true,
        }
        if (fan !== undefined)
          return runAll(
            args,
            { ...fan, signal },
            (fanned) => spec.all({ ...shared, ...fanned }, target),
            () => 0,
          )
        const reporter = streamReporter(io.stderr as NodeJS.WriteStream)
        const linting =
          spec.lints === true
            ? {
                ...(options['lint'] === true ? { lint: 'error' as const } : {}),
                onLint: (report: Parameters<typeof textReport>[0]) => info(io, textReport(report, process.cwd()).trimEnd()),
              }
            : {}
        const result = await spec.one({ ...shared, ...linting, reporter, write: (text) => io.stdout.write(text) }, target)
        for (const one of result.databases) warnEdited(io, one.edited, one.database)
        reportMove(io, result, spec.verb, options)
        return 0
      })
    },
  }
}
