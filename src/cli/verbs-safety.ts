import { AthanorError } from '../core/errors.js'
import type { EditedScript, Resolution } from '../command/resolve.js'
import type { HistoryRow } from '../command/applied-history.js'
import { wholeNumberOption } from './all-databases.js'
import { warnInvalidIndexes } from './invalid-indexes.js'
import { streamReporter } from './reporter.js'
import { withStopSignals } from './signals.js'
import { timeoutArgs, timeoutOptions } from './timeout-options.js'
import { reportWhereabouts } from './whereabouts.js'
import type { OptionSpec } from './argv.js'
import { info, out, type CliIo } from './io.js'
import type { Verb, VerbArgs } from './verbs/shared.js'

/** `--lock-timeout`, for every verb that changes the version table. */
export const lockTimeoutOption: OptionSpec = {
  name: 'lock-timeout',
  value: true,
  description: 'how long to wait for another athanor run on the database (seconds, or 90s/2m/500ms; default 60)',
}

export const galeraOsuOption: OptionSpec = {
  name: 'galera-osu',
  value: true,
  description: 'Galera: rsu allows a session set to Rolling Schema Upgrade (DDL on this node only); default toi',
}

export const allowEditedOption: OptionSpec = {
  name: 'allow-edited',
  description: 'run even though applied scripts were edited since they ran',
}

export const appliedOption: OptionSpec = {
  name: 'applied',
  description: 'show what was run on the database and when, from its history table',
}

/** The lock options of a verb's parsed argv, and the one waiting line on stderr. */
export function lockArgs(
  options: VerbArgs['options'],
  io: CliIo,
): { lockTimeout?: string; galeraOsu?: 'toi' | 'rsu'; onLockWait: (message: string) => void } {
  const timeout = options['lock-timeout']
  const osu = options['galera-osu']
  if (osu !== undefined && osu !== 'toi' && osu !== 'rsu') {
    throw new AthanorError('INVALID_OPTION', `--galera-osu must be toi or rsu, not ${JSON.stringify(osu)}`)
  }
  return {
    ...(typeof timeout === 'string' ? { lockTimeout: timeout } : {}),
    ...(osu === undefined ? {} : { galeraOsu: osu }),
    onLockWait: (message) => info(io, message),
  }
}

/** The warning an upgrade run with `--allow-edited` prints; with several databases, naming the one. */
export function warnEdited(io: CliIo, edited: readonly EditedScript[], database?: string): void {
  const on = database === undefined ? '' : ` to database ${database}`
  for (const script of edited)
    info(io, `warning: ${script.source} (${script.revision}) was edited after being applied${on} on ${script.appliedAt}`)
}

/** `history --applied [--json]`. */
export async function printAppliedHistory({ common, options, io }: VerbArgs): Promise<number> {
  const { appliedHistory } = await import('../command/applied-history.js')
  const result = await appliedHistory(common)
  if (options['json'] === true) {
    out(io, JSON.stringify(result, null, 2))
    return 0
  }
  if (result.entries.length === 0) info(io, `Nothing recorded in ${result.table} on ${result.url}.`)
  for (const entry of result.entries) out(io, formatHistoryRow(entry))
  return 0
}

/**
 * One line per history row:
 * `2026-01-01T10:00:00.000Z  upgrade   1975ea83 -> ae1027a6  succeeded  12 ms  athanor 0.1.0  sha256:3f1c2a9b`
 */
function formatHistoryRow(row: HistoryRow): string {
  const from = row.fromRevisions.join(',') || 'base'
  const to = row.toRevisions.join(',') || 'base'
  const move = row.direction === 'upgrade' || row.direction === 'downgrade' ? `${from} -> ${to}` : row.revision
  const parts = [row.startedAt, row.direction.padEnd(9), move, row.status]
  if (row.durationMs !== null) parts.push(`${row.durationMs} ms`)
  parts.push(`athanor ${row.athanorVersion}`)
  if (row.checksum) parts.push(`sha256:${row.checksum.slice(0, 12)}`)
  if (row.note) parts.push(`(${row.note})`)
  // The step's journal: how far a step outside a transaction got.
  if (row.statementsDone !== null && (row.status === 'started' || row.status === 'failed' || row.statementsDone > 0)) {
    const last = row.status === 'succeeded' || row.lastStatement === null ? '' : `, last: ${oneLine(row.lastStatement)}`
    parts.push(`statements done: ${row.statementsDone}${last}`)
  }
  if (row.error && row.status !== 'succeeded') parts.push(`error: ${row.error.replace(/\s+/g, ' ')}`)
  return parts.join('  ')
}

function oneLine(sql: string): string {
  const shown = sql.replace(/\s+/g, ' ').trim()
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown
}

export const resolveVerb: Verb = {
  summary: 'settle a migration that failed midway outside a transaction, or accept edited applied scripts',
  usage: 'resolve REV (--continue [--from N] | --retry | --applied | --rolled-back)  |  resolve --accept-edited [REV...]',
  options: [
    { name: 'continue', description: 'run the statements the stopped migration did not complete, skipping those that did' },
    {
      name: 'from',
      value: true,
      description: 'with --continue: the statement to start from, where the stopped one may or may not have taken effect (N or N+1)',
    },
    { name: 'retry', description: 'run the failed migration again (after fixing the database or the script)' },
    { name: 'applied', description: 'record the failed migration as complete (its changes are all in place)' },
    { name: 'rolled-back', description: 'record the failed migration as undone (none of its changes remain)' },
    { name: 'accept-edited', description: 'take the current content of edited applied scripts as what was applied' },
    lockTimeoutOption,
    galeraOsuOption,
    ...timeoutOptions,
  ],
  afterFailure: reportWhereabouts,
  async run({ positionals, options, common, io }) {
    const lock = lockArgs(options, io)
    const { acceptEdited, resolve } = await import('../command/resolve.js')
    if (options['accept-edited'] === true) {
      const accepted = await acceptEdited({ ...common, ...lock }, positionals)
      if (accepted.length === 0) info(io, 'No edited applied scripts.')
      for (const script of accepted) info(io, `Accepted the edited content of ${script.source} (${script.revision}).`)
      return 0
    }
    const chosen = (['continue', 'retry', 'applied', 'rolled-back'] as const).filter((name) => options[name] === true)
    const [revision, extra] = positionals
    if (chosen.length !== 1 || !revision || extra !== undefined) {
      throw new AthanorError(
        'MISSING_ARGUMENT',
        "resolve needs one revision and one of --continue, --retry, --applied, --rolled-back, e.g. 'athanor resolve ae10 --continue'",
      )
    }
    const resolution: Resolution = chosen[0]!
    const from = wholeNumberOption(options, 'from', 1)
    if (from !== undefined && resolution !== 'continue') throw new AthanorError('INVALID_OPTION', '--from goes with --continue')
    const reporter = streamReporter(io.stderr as NodeJS.WriteStream)
    return withStopSignals(io, async (signal) => {
      const given = from === undefined ? {} : { from }
      const result = await resolve({ ...common, ...lock, ...timeoutArgs(options), signal, reporter, ...given }, revision, resolution)
      const done = { continue: 'ran the rest', retry: 'ran again', applied: 'marked applied', 'rolled-back': 'marked rolled back' }[
        resolution
      ]
      for (const index of result.droppedIndexes) {
        info(
          io,
          `Dropped the invalid index ${index.qualifiedName} on table ${index.table} that the unfinished step left, to build it again.`,
        )
      }
      info(io, `Resolved the ${result.direction} of ${result.revision}: ${done}. Now at ${result.to.join(', ') || 'base'}.`)
      warnInvalidIndexes(io, result.invalidIndexes)
      return 0
    })
  },
}
