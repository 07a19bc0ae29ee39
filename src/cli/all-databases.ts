import type { FanOutOptions, FanOutResult } from '../command/all-databases.js'
import { AthanorError } from '../core/errors.js'
import { interruptedError } from '../core/interruption.js'
import type { OptionSpec } from './argv.js'
import { fanOutProgress } from './fan-out-progress.js'
import { finalTable, finishedLine, tally } from './fan-out-table.js'
import { info, out } from './io.js'
import { str, type VerbArgs } from './verbs/shared.js'

/** The options of every verb that takes `--all`. */
export const allOptions: readonly OptionSpec[] = [
  { name: 'all', description: "every database the config's tenants names (a list, a query, or a pattern)" },
  {
    name: 'parallel',
    value: true,
    description: 'with --all: how many databases at once, each on its own connection and lock (default 4 on MySQL/MariaDB, else 1)',
  },
  {
    name: 'on-error',
    value: true,
    description: "with --all: 'stop' (default) starts no other database after one fails; 'continue' runs every one",
  },
  { name: 'canary', value: true, description: 'with --all: run the first N databases first, and stop if any of them fails' },
]

/**
 * `--parallel`, `--on-error` and `--canary`, checked; `undefined` without
 * `--all`, where they are refused, as are `--sql` and `--db`.
 */
export function fanOutArgs(options: VerbArgs['options']): FanOutOptions | undefined {
  const given = ['parallel', 'on-error', 'canary'].filter((name) => options[name] !== undefined)
  if (options['all'] !== true) {
    if (given.length > 0) throw new AthanorError('INVALID_OPTION', `--${given[0]} goes with --all`)
    return undefined
  }
  if (options['sql'] === true) throw new AthanorError('INVALID_OPTION', '--all cannot go with --sql: run --sql on one database with --url')
  if (options['db'] !== undefined) {
    throw new AthanorError('INVALID_OPTION', "--all cannot go with --db: --all works on the config's tenants, --db on one of its databases")
  }
  const onError = str(options['on-error'])
  if (onError !== undefined && onError !== 'stop' && onError !== 'continue') {
    throw new AthanorError('INVALID_OPTION', `--on-error must be stop or continue, not ${JSON.stringify(onError)}`)
  }
  const parallel = wholeNumberOption(options, 'parallel', 1)
  const canary = wholeNumberOption(options, 'canary', 0)
  return {
    ...(parallel === undefined ? {} : { parallel }),
    ...(canary === undefined ? {} : { canary }),
    ...(onError === undefined ? {} : { onError }),
  }
}

/** A whole-number option, at least `least`; undefined when not given. */
export function wholeNumberOption(options: VerbArgs['options'], name: string, least: number): number | undefined {
  const text = str(options[name])
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || Number(text) < least) {
    throw new AthanorError('INVALID_OPTION', `--${name} must be a whole number, at least ${least}, not ${JSON.stringify(text)}`)
  }
  return Number(text)
}

/**
 * Runs a verb's `--all`: the live progress on stderr, then the final table
 * (or `--json`) on stdout, then the status. A database that failed fails the
 * command (TENANTS_FAILED), after the table showed where every one is; a
 * signal that stopped it fails it with INTERRUPTED or TERMINATED.
 *
 * @example
 * import { upgradeAll } from '../command/all-databases.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: process.env }
 * const args = { positionals: [], options: { all: true }, common: { directory: 'migrations' }, io }
 * const status = await runAll(args, { parallel: 4 }, (fanned) => upgradeAll({ ...args.common, ...fanned }), () => 0)
 */
export async function runAll(
  { io, options }: VerbArgs,
  fan: FanOutOptions,
  run: (fanned: FanOutOptions) => Promise<FanOutResult>,
  statusOf: (result: FanOutResult) => number,
): Promise<number> {
  const progress = fanOutProgress(io)
  let result: FanOutResult
  try {
    result = await run({ ...fan, progress })
  } finally {
    progress.close()
  }
  const counts = tally(result)
  if (options['json'] === true) {
    const databases = result.databases.map((row) => ({ ...row, durationMs: Math.round(row.durationMs) }))
    out(io, JSON.stringify({ databases, summary: counts, ...(result.stopped === undefined ? {} : { stopped: result.stopped }) }, null, 2))
  } else {
    out(io, finalTable(result).join('\n'))
    // What went wrong, and where check found drift, under the table: --quiet keeps stdout.
    for (const row of result.databases) {
      if (row.status === 'failed') out(io, finishedLine(row))
      if (row.status === 'drift') for (const line of row.details ?? []) out(io, `${row.database}: ${line}`)
    }
    info(io, countsLine(result))
  }
  refuseFailedTenants(result, fan)
  return statusOf(result)
}

/**
 * The closing line of an `--all`: how many databases ended in each status.
 *
 * @example
 * countsLine({ databases: [{ database: 'a', from: [], to: [], status: 'up to date', durationMs: 3 }] }) // '1 databases: 1 up to date.'
 */
export function countsLine(result: FanOutResult): string {
  const counts = Object.entries(tally(result)).map(([status, n]) => `${n} ${status}`)
  return `${result.databases.length} databases: ${counts.join(', ') || 'none matched'}.`
}

/**
 * After the output of an `--all`: a signal that stopped it fails the
 * command (INTERRUPTED or TERMINATED), as does a database that failed
 * (TENANTS_FAILED, naming the first few).
 *
 * @example
 * refuseFailedTenants({ databases: [{ database: 'a', from: [], to: [], status: 'up to date', durationMs: 3 }] }, {}) // returns
 */
export function refuseFailedTenants(result: FanOutResult, fan: FanOutOptions): void {
  const notRun = result.databases.filter((row) => row.status === 'not run').length
  const left = notRun === 0 ? '' : `; ${notRun} not run, rerun to continue`
  if (result.stopped === 'signal') throw interruptedError(fan.signal?.reason, `during --all${left}`)
  const failed = result.databases.filter((row) => row.status === 'failed')
  if (failed.length > 0) {
    const names = failed.slice(0, 5).map((row) => row.database)
    const more = failed.length > names.length ? `, and ${failed.length - names.length} more` : ''
    const canary = result.stopped === 'canary' ? ' among the canaries' : ''
    throw new AthanorError(
      'TENANTS_FAILED',
      `${failed.length} of ${result.databases.length} databases failed${canary} (${names.join(', ')}${more})${left}`,
    )
  }
}
