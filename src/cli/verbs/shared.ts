import type { RevisionOptions } from '../../command/revision.js'
import type { CommandOptions } from '../../config/project.js'
import type { TransactionMode } from '../../config/config.js'
import type { RenameResolver } from '../../diff/options.js'
import { AthanorError } from '../../core/errors.js'
import type { RevisionView } from '../../script/revision-view.js'
import type { OptionSpec } from '../argv.js'
import { out, withNewline, type CliIo } from '../io.js'
import { cliRenames, terminalPrompt } from '../renames.js'

export interface VerbArgs {
  readonly positionals: readonly string[]
  readonly options: Readonly<Record<string, string | boolean | readonly string[]>>
  readonly common: CommandOptions
  readonly io: CliIo
}

/** One CLI command: its help text, its own options, and what it does. */
export interface Verb {
  readonly summary: string
  readonly usage: string
  readonly options: readonly OptionSpec[]
  /**
   * The status of any error, whatever its code: for the verbs whose answer
   * is itself a status (`check`: 1 is drift), an error must not read as one.
   */
  readonly errorExit?: number
  /** After an error (not a usage error): say where the databases are now, as the error's last line. */
  readonly afterFailure?: (args: VerbArgs) => Promise<void>
  run(args: VerbArgs): Promise<number>
}

export const verbose: OptionSpec = { name: 'verbose', short: 'v', description: 'show full details' }
export const json: OptionSpec = { name: 'json', description: 'print the result as one JSON document on stdout (progress stays on stderr)' }
export const sql: OptionSpec = { name: 'sql', description: 'print the SQL script instead of running it (offline mode)' }
export const tag: OptionSpec = { name: 'tag', value: true, description: 'an arbitrary tag handed to the scripts as op.context.tag' }
export const message: OptionSpec = { name: 'message', short: 'm', value: true, description: 'the message of the new revision' }
export const revId: OptionSpec = { name: 'rev-id', value: true, description: 'use this id instead of a generated one' }
export const transactionMode: OptionSpec = {
  name: 'transaction-mode',
  value: true,
  description: "'per-migration' (default: each migration atomic) or 'single' (the whole run, all or nothing)",
}
export const branchLabel: OptionSpec = {
  name: 'branch-label',
  value: true,
  repeatable: true,
  description: 'a branch label for the new revision',
}
export const models: OptionSpec = { name: 'models', value: true, description: "the models module (over the config's models)" }
export const offline: OptionSpec = {
  name: 'offline',
  description: 'compare with the migrations replayed on a shadow database (shadowUrl, else SQLite or PGlite in memory), not the database',
}
export const renameTable: OptionSpec = {
  name: 'rename-table',
  value: true,
  repeatable: true,
  description: 'OLD:NEW, a table (PostgreSQL: or a partition, a sequence) renamed rather than dropped and added',
}
export const renameColumn: OptionSpec = {
  name: 'rename-column',
  value: true,
  repeatable: true,
  description: 'TABLE.OLD:NEW, a column renamed rather than dropped and added',
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
export const strs = (value: unknown): readonly string[] => (Array.isArray(value) ? (value as string[]) : [])

export const strictRenames: OptionSpec = {
  name: 'strict-renames',
  description: 'refuse a dropped and an added column, table, partition or sequence that may be a rename (over the config)',
}
export const noStrictRenames: OptionSpec = {
  name: 'no-strict-renames',
  description: 'write a drop and an add even where they may be a rename (over the config)',
}

/** `--strict-renames`/`--no-strict-renames`, and whether a terminal asks about each possible rename. */
export function renameArgs(options: VerbArgs['options']): { strictRenames?: boolean; renamesAsked: boolean } {
  const strict = options['strict-renames'] === true ? true : options['no-strict-renames'] === true ? false : undefined
  return { ...(strict === undefined ? {} : { strictRenames: strict }), renamesAsked: askingOnTerminal() }
}

const askingOnTerminal = () => process.stdin.isTTY === true && process.stderr.isTTY === true

/** `--models` and the rename resolver (asking on a terminal), for the verbs that compare. */
export function compareArgs(options: VerbArgs['options']): { models?: string; renames: RenameResolver; offline: boolean } {
  const file = typeof options['models'] === 'string' ? options['models'] : undefined
  const tables = Array.isArray(options['rename-table']) ? (options['rename-table'] as string[]) : []
  const columns = Array.isArray(options['rename-column']) ? (options['rename-column'] as string[]) : []
  const ask = askingOnTerminal() ? terminalPrompt(process.stdin, process.stderr) : undefined
  return { ...(file ? { models: file } : {}), renames: cliRenames(tables, columns, ask), offline: options['offline'] === true }
}

export function runOptions(options: VerbArgs['options']): { sql: boolean; transactionMode?: TransactionMode } {
  const mode = str(options['transaction-mode'])
  if (mode !== undefined && mode !== 'per-migration' && mode !== 'single') {
    throw new AthanorError('INVALID_OPTION', `--transaction-mode must be 'per-migration' or 'single', not '${mode}'`)
  }
  return { sql: options['sql'] === true, ...(mode ? { transactionMode: mode } : {}) }
}

export function printViews(io: CliIo, views: readonly RevisionView[], asJson: boolean, line: (view: RevisionView) => string): void {
  // One write for the whole listing: a write per line was a tenth of `history` on 1,000 revisions.
  printJsonOr(io, views, asJson, () => {
    if (views.length > 0) out(io, views.map((view) => withNewline(line(view))).join(''))
  })
}

/** `--json`: the value as JSON on stdout; otherwise whatever `text` prints. */
export function printJsonOr(io: CliIo, value: unknown, asJson: boolean, text: () => void): void {
  if (asJson) out(io, JSON.stringify(value, null, 2))
  else text()
}

/** The positionals, refusing more than `max` of them. */
export function at(positionals: readonly string[], max: number, verb: string): readonly string[] {
  if (positionals.length > max) throw new AthanorError('UNEXPECTED_ARGUMENT', `unexpected argument '${positionals[max]}' for '${verb}'`)
  return positionals
}

/**
 * With several databases every line about one of them starts with its name
 * (`db1: …`), so output stays greppable and never leaves the reader guessing.
 */
export function named(database: string | undefined, line: string): string {
  return database === undefined ? line : `${database}: ${line}`
}

/** The options of a new revision, as `revision` and `migrate` both take them. */
export function revisionArgs(options: VerbArgs['options']): RevisionOptions {
  const head = str(options['head'])
  const versionPath = str(options['version-path'])
  const revIdValue = str(options['rev-id'])
  return {
    message: str(options['message']) ?? '',
    ...(head ? { head } : {}),
    splice: options['splice'] === true,
    branchLabels: strs(options['branch-label']),
    dependsOn: strs(options['depends-on']),
    ...(revIdValue === undefined ? {} : { revId: revIdValue }),
    ...(versionPath ? { versionPath } : {}),
  }
}
