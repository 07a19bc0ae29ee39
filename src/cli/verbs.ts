import { branches, current, heads, history, show } from '../command/inspect.js'
import { downgrade } from '../command/downgrade.js'
import { init } from '../command/init.js'
import { merge } from '../command/merge.js'
import type { CommandOptions } from '../command/project.js'
import { revision } from '../command/revision.js'
import type { RevisionView } from '../command/revision-view.js'
import { stamp } from '../command/stamp.js'
import { upgrade } from '../command/upgrade.js'
import { check } from '../command/check.js'
import { migrate } from '../command/migrate.js'
import { pull } from '../command/pull.js'
import type { RenameResolver } from '../diff/options.js'
import { cliRenames, terminalPrompt } from './renames.js'
import type { MigrateResult } from '../command/run-migrations.js'
import { AthanorError } from '../errors.js'
import type { TransactionMode } from '../config/config.js'
import { streamReporter } from '../runtime/reporter.js'
import type { OptionSpec } from './argv.js'
import { describeOperation } from '../diff/describe.js'
import { formatShort, formatVerbose } from './format.js'
import { allowEditedOption, appliedOption, lockArgs, lockTimeoutOption, printAppliedHistory, resolveVerb, warnEdited } from './verbs-safety.js'
import { info, out, type CliIo } from './io.js'

export interface VerbArgs {
  readonly positionals: readonly string[]
  readonly options: Readonly<Record<string, string | boolean | readonly string[]>>
  readonly common: CommandOptions
  readonly io: CliIo
}

export interface Verb {
  readonly summary: string
  readonly usage: string
  readonly options: readonly OptionSpec[]
  run(args: VerbArgs): Promise<number>
}

const verbose: OptionSpec = { name: 'verbose', short: 'v', description: 'show full details' }
const json: OptionSpec = { name: 'json', description: 'print JSON, for scripts' }
const sql: OptionSpec = { name: 'sql', description: 'print the SQL script instead of running it (offline mode)' }
const tag: OptionSpec = { name: 'tag', value: true, description: 'an arbitrary tag handed to the scripts as op.context.tag' }
const message: OptionSpec = { name: 'message', short: 'm', value: true, description: 'the message of the new revision' }
const revId: OptionSpec = { name: 'rev-id', value: true, description: 'use this id instead of a generated one' }
const transactionMode: OptionSpec = {
  name: 'transaction-mode',
  value: true,
  description: "'per-migration' (default: each migration atomic) or 'single' (the whole run, all or nothing)",
}
const branchLabel: OptionSpec = { name: 'branch-label', value: true, repeatable: true, description: 'a branch label for the new revision' }

const models: OptionSpec = { name: 'models', value: true, description: "the models module (over the config's models)" }
const renameTable: OptionSpec = { name: 'rename-table', value: true, repeatable: true, description: 'OLD:NEW, a table renamed rather than dropped and added' }
const renameColumn: OptionSpec = { name: 'rename-column', value: true, repeatable: true, description: 'TABLE.OLD:NEW, a column renamed rather than dropped and added' }

/** `--models` and the rename resolver (asking on a terminal), for the verbs that compare. */
function compareArgs(options: VerbArgs['options']): { models?: string; renames: RenameResolver } {
  const file = typeof options['models'] === 'string' ? options['models'] : undefined
  const tables = Array.isArray(options['rename-table']) ? (options['rename-table'] as string[]) : []
  const columns = Array.isArray(options['rename-column']) ? (options['rename-column'] as string[]) : []
  const ask = process.stdin.isTTY && process.stderr.isTTY ? terminalPrompt(process.stdin, process.stderr) : undefined
  return { ...(file ? { models: file } : {}), renames: cliRenames(tables, columns, ask) }
}

/** Shared by `migrate` and `revision --autogenerate`. */
async function autogenerateRevision(args: VerbArgs): Promise<number> {
  const { options, common, io } = args
  const head = str(options['head'])
  const revIdValue = str(options['rev-id'])
  const versionPath = str(options['version-path'])
  const result = await migrate({
    ...common,
    ...compareArgs(options),
    message: str(options['message']) ?? '',
    ...(head ? { head } : {}),
    splice: options['splice'] === true,
    branchLabels: strs(options['branch-label']),
    dependsOn: strs(options['depends-on']),
    ...(revIdValue ? { revId: revIdValue } : {}),
    ...(versionPath ? { versionPath } : {}),
  })
  if (result.revision === undefined) {
    info(io, 'No changes in schema detected.')
    return 0
  }
  for (const op of result.ops) info(io, `Detected ${describeOperation(op)}`)
  info(io, `Generating ${result.revision.path} ... done`)
  return 0
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const strs = (value: unknown): readonly string[] => (Array.isArray(value) ? (value as string[]) : [])

function runOptions(options: VerbArgs['options']): { sql: boolean; transactionMode?: TransactionMode } {
  const mode = str(options['transaction-mode'])
  if (mode !== undefined && mode !== 'per-migration' && mode !== 'single') {
    throw new AthanorError('INVALID_OPTION', `--transaction-mode must be 'per-migration' or 'single', not '${mode}'`)
  }
  return { sql: options['sql'] === true, ...(mode ? { transactionMode: mode } : {}) }
}

function printViews(io: CliIo, views: readonly RevisionView[], asJson: boolean, line: (view: RevisionView) => string): void {
  if (asJson) out(io, JSON.stringify(views, null, 2))
  else for (const view of views) out(io, line(view))
}

function at(positionals: readonly string[], max: number, verb: string): readonly string[] {
  if (positionals.length > max) throw new AthanorError('UNEXPECTED_ARGUMENT', `unexpected argument '${positionals[max]}' for '${verb}'`)
  return positionals
}

function reportMove(io: CliIo, result: MigrateResult, verb: string): void {
  if (result.steps.length === 0) info(io, `Nothing to ${verb}: the database is at ${result.to.join(', ') || 'base'}.`)
  else info(io, `Now at ${result.to.join(', ') || 'base'}.`)
}

export const VERBS: Readonly<Record<string, Verb>> = {
  init: {
    summary: 'create a migrations folder: versions/, config, script template',
    usage: 'init [DIR]',
    options: [],
    async run({ positionals, common, io }) {
      const [dir] = at(positionals, 1, 'init')
      const result = await init(dir ?? common.directory ?? 'migrations', common.url ? { url: common.url } : {})
      for (const file of result.files) info(io, `Created ${file}`)
      return 0
    },
  },
  revision: {
    summary: 'write a new, empty migration script',
    usage: 'revision -m MSG [--head REV] [--splice] [--branch-label L] [--depends-on REV]... [--rev-id ID] [--version-path DIR]',
    options: [
      message,
      { name: 'head', value: true, description: 'the parent of the new revision (default: head; base for a new root)' },
      { name: 'splice', description: 'allow a parent that is not a head (starts a branch)' },
      branchLabel,
      { name: 'depends-on', value: true, repeatable: true, description: 'a revision that must be applied first' },
      revId,
      { name: 'version-path', value: true, description: 'the version location to write into' },
      { name: 'autogenerate', description: 'fill the script with the differences between the models and the database' },
      models,
      renameTable,
      renameColumn,
    ],
    async run(args) {
      const { positionals, options, common, io } = args
      at(positionals, 0, 'revision')
      if (options['autogenerate'] === true) return autogenerateRevision(args)
      const head = str(options['head'])
      const versionPath = str(options['version-path'])
      const revIdValue = str(options['rev-id'])
      const result = await revision({
        ...common,
        message: str(options['message']) ?? '',
        ...(head ? { head } : {}),
        splice: options['splice'] === true,
        branchLabels: strs(options['branch-label']),
        dependsOn: strs(options['depends-on']),
        ...(revIdValue ? { revId: revIdValue } : {}),
        ...(versionPath ? { versionPath } : {}),
      })
      info(io, `Generating ${result.path} ... done`)
      return 0
    },
  },
  merge: {
    summary: 'write a revision that merges several heads into one',
    usage: 'merge -m MSG REV... (e.g. merge -m "merge" heads)',
    options: [message, branchLabel, revId],
    async run({ positionals, options, common, io }) {
      const revIdValue = str(options['rev-id'])
      const result = await merge(
        { ...common, message: str(options['message']) ?? '', branchLabels: strs(options['branch-label']), ...(revIdValue ? { revId: revIdValue } : {}) },
        positionals,
      )
      info(io, `Generating ${result.path} ... done`)
      return 0
    },
  },
  upgrade: {
    summary: 'apply migrations up to a target (default: head)',
    usage: 'upgrade [TARGET] [--sql] [--tag T] [--lock-timeout S] [--allow-edited]    (TARGET: head, heads, REV, +N, label@head, FROM:TO with --sql)',
    options: [sql, tag, transactionMode, lockTimeoutOption, allowEditedOption],
    async run({ positionals, options, common, io }) {
      const [target = 'head'] = at(positionals, 1, 'upgrade')
      const { lockTimeout } = lockArgs(options, io)
      const result = await upgrade(
        {
          ...common,
          ...runOptions(options),
          ...(lockTimeout === undefined ? {} : { lockTimeout }),
          allowEdited: options['allow-edited'] === true,
          reporter: streamReporter(io.stderr as NodeJS.WriteStream),
          write: (text) => io.stdout.write(text),
        },
        target,
      )
      warnEdited(io, result.edited)
      if (options['sql'] !== true) reportMove(io, result, 'upgrade')
      return 0
    },
  },
  downgrade: {
    summary: 'revert migrations down to a target (default: -1, one step)',
    usage: 'downgrade [TARGET] [--sql] [--tag T]    (TARGET: -1, REV, base, label@-1; FROM:TO with --sql)',
    options: [sql, tag, transactionMode, lockTimeoutOption],
    async run({ positionals, options, common, io }) {
      const [target = '-1'] = at(positionals, 1, 'downgrade')
      const { lockTimeout } = lockArgs(options, io)
      const result = await downgrade(
        {
          ...common,
          ...runOptions(options),
          ...(lockTimeout === undefined ? {} : { lockTimeout }),
          reporter: streamReporter(io.stderr as NodeJS.WriteStream),
          write: (text) => io.stdout.write(text),
        },
        target,
      )
      if (options['sql'] !== true) reportMove(io, result, 'downgrade')
      return 0
    },
  },
  current: {
    summary: "show the database's current revision(s)",
    usage: 'current [-v] [--json]',
    options: [verbose, json],
    async run({ positionals, options, common, io }) {
      at(positionals, 0, 'current')
      const result = await current(common)
      if (options['json'] === true) out(io, JSON.stringify(result, null, 2))
      else {
        if (options['verbose'] === true) out(io, `Current revision(s) for ${result.url}:`)
        for (const view of result.revisions) out(io, options['verbose'] === true ? formatVerbose(view) : formatShort(view))
        if (result.revisions.length === 0) info(io, 'The database is at base: no revision applied.')
      }
      return 0
    },
  },
  history: {
    summary: 'list revisions from heads to bases',
    usage: 'history [-r RANGE] [-v] [-i] [--json] | history --applied [--json]    (RANGE: [start]:[end], e.g. base:head, ae10:, -3:, current:)',
    options: [
      { name: 'rev-range', short: 'r', value: true, description: 'only revisions in [start]:[end]' },
      verbose,
      { name: 'indicate-current', short: 'i', description: 'mark the current revisions (reads the database)' },
      json,
      appliedOption,
    ],
    async run(args) {
      const { positionals, options, common, io } = args
      at(positionals, 0, 'history')
      if (options['applied'] === true) return printAppliedHistory(args)
      const range = str(options['rev-range'])
      const views = await history({ ...common, ...(range ? { range } : {}), indicateCurrent: options['indicate-current'] === true })
      printViews(io, views, options['json'] === true, (view) =>
        options['verbose'] === true ? formatVerbose(view) : formatShort(view, { parents: true, labels: true, doc: true }),
      )
      return 0
    },
  },
  heads: {
    summary: 'list the heads of the revision graph',
    usage: 'heads [-v] [--json]',
    options: [verbose, json],
    async run({ positionals, options, common, io }) {
      at(positionals, 0, 'heads')
      printViews(io, await heads(common), options['json'] === true, (view) =>
        options['verbose'] === true ? formatVerbose(view) : formatShort(view, { labels: true }),
      )
      return 0
    },
  },
  branches: {
    summary: 'list branch points and the branches they start',
    usage: 'branches [-v] [--json]',
    options: [verbose, json],
    async run({ positionals, options, common, io }) {
      at(positionals, 0, 'branches')
      const views = await branches(common)
      if (options['json'] === true) {
        out(io, JSON.stringify(views, null, 2))
        return 0
      }
      for (const view of views) {
        out(io, options['verbose'] === true ? formatVerbose(view) : formatShort(view, { labels: true }))
        for (const next of view.nextRevisions) out(io, `${' '.repeat(view.revision.length)} -> ${next}`)
        out(io, '')
      }
      return 0
    },
  },
  show: {
    summary: 'show one revision in full',
    usage: 'show REV [--json]',
    options: [json],
    async run({ positionals, options, common, io }) {
      const [target] = at(positionals, 1, 'show')
      if (!target) throw new AthanorError('MISSING_ARGUMENT', "show needs a revision, e.g. 'athanor show head'")
      printViews(io, await show(common, target), options['json'] === true, formatVerbose)
      return 0
    },
  },
  stamp: {
    summary: 'set the version table to REV... without running migrations',
    usage: 'stamp REV... [--purge] [--sql]',
    options: [
      sql,
      tag,
      { name: 'purge', description: 'empty the version table first (for a database stamped with an unknown revision)' },
      lockTimeoutOption,
    ],
    async run({ positionals, options, common, io }) {
      if (positionals.length === 0) throw new AthanorError('MISSING_ARGUMENT', "stamp needs a revision, e.g. 'athanor stamp head'")
      const result = await stamp(
        { ...common, ...lockArgs(options, io), purge: options['purge'] === true, sql: options['sql'] === true, write: (text) => io.stdout.write(text) },
        positionals,
      )
      for (const revision of result.resolved) info(io, `Settled the unresolved step of ${revision}.`)
      if (options['sql'] !== true) info(io, `Stamped ${result.to.join(', ') || 'base'} (was ${result.from.join(', ') || 'base'}).`)
      return 0
    },
  },
  migrate: {
    summary: 'write a new migration script from the differences between the models and the database',
    usage: 'migrate -m MSG [--models FILE] [--rename-table OLD:NEW]... [--rename-column TABLE.OLD:NEW]... [--head REV] [--rev-id ID]',
    options: [
      message,
      models,
      renameTable,
      renameColumn,
      { name: 'head', value: true, description: 'the parent of the new revision (default: head)' },
      { name: 'splice', description: 'allow a parent that is not a head (starts a branch)' },
      branchLabel,
      { name: 'depends-on', value: true, repeatable: true, description: 'a revision that must be applied first' },
      revId,
      { name: 'version-path', value: true, description: 'the version location to write into' },
    ],
    async run(args) {
      at(args.positionals, 0, 'migrate')
      return autogenerateRevision(args)
    },
  },
  check: {
    summary: 'exit 1 and list the differences if the models and the database disagree (for CI)',
    usage: 'check [--models FILE]',
    options: [models],
    async run({ positionals, options, common, io }) {
      at(positionals, 0, 'check')
      const result = await check({ ...common, ...compareArgs(options) })
      if (result.differences.length === 0) {
        out(io, 'No new upgrade operations detected.')
        return 0
      }
      out(io, `New upgrade operations detected (${result.differences.length}):`)
      for (const line of result.differences) out(io, `  ${line}`)
      return 1
    },
  },
  pull: {
    summary: 'write a models module from the live database',
    usage: 'pull [-o FILE] [--schema NAME]...',
    options: [
      { name: 'output', short: 'o', value: true, description: 'the file to write (default: print it)' },
      { name: 'schema', value: true, repeatable: true, description: 'a PostgreSQL schema to read besides public' },
    ],
    async run({ positionals, options, common, io }) {
      at(positionals, 0, 'pull')
      const output = str(options['output'])
      const result = await pull({ ...common, ...(output ? { output } : {}), schemas: strs(options['schema']) })
      if (result.path === undefined) io.stdout.write(result.text)
      else info(io, `Wrote ${result.tables.length} tables to ${result.path}`)
      return 0
    },
  },
  resolve: resolveVerb,
}
