import type { FanOutResult } from '../../command/all-databases.js'
import { allOptions, fanOutArgs, runAll } from '../all-databases.js'
import { pullSummary } from '../pull-summary.js'
import { info, out } from '../io.js'
import {
  at,
  branchLabel,
  compareArgs,
  json,
  message,
  models,
  offline,
  noStrictRenames,
  renameColumn,
  renameTable,
  strictRenames,
  revId,
  str,
  strs,
  type Verb,
} from './shared.js'

// The verbs that compare the models with the databases, or write models from one.

export const migrateVerb: Verb = {
  summary: 'write a new migration script from the differences between the models and the database',
  usage:
    'migrate -m MSG [--models FILE] [--offline] [--rename-table OLD:NEW]... [--rename-column TABLE.OLD:NEW]... [--[no-]strict-renames] ' +
    '[--head REV] [--rev-id ID] [--json]',
  options: [
    message,
    models,
    offline,
    renameTable,
    renameColumn,
    strictRenames,
    noStrictRenames,
    { name: 'head', value: true, description: 'the parent of the new revision (default: head)' },
    { name: 'splice', description: 'allow a parent that is not a head (starts a branch)' },
    branchLabel,
    { name: 'depends-on', value: true, repeatable: true, description: 'a revision that must be applied first' },
    revId,
    { name: 'version-path', value: true, description: 'the version location to write into' },
    json,
  ],
  async run(args) {
    at(args.positionals, 0, 'migrate')
    const { autogenerateRevision } = await import('./autogenerate.js')
    return autogenerateRevision(args)
  },
}

export const checkVerb: Verb = {
  summary: 'exit 1 and list the differences if the models and the database disagree (for CI); 2 if it cannot tell',
  usage: 'check [--models FILE] [--offline] [--db NAME] [--json] [--all [--parallel N] [--on-error stop|continue] [--canary N]]',
  options: [models, offline, json, ...allOptions],
  errorExit: 2,
  async run(args) {
    const { positionals, options, common, io } = args
    at(positionals, 0, 'check')
    const fan = fanOutArgs(options)
    if (fan !== undefined) {
      const { checkAll } = await import('../../command/all-databases.js')
      return runAll(args, fan, (fanned) => checkAll({ ...common, ...compareArgs(options), ...fanned }), noDrift)
    }
    const { check } = await import('../../command/check.js')
    const result = await check({ ...common, ...compareArgs(options) })
    if (options['json'] === true) {
      const databases = result.databases.map(({ database, differences }) => ({
        ...(database === undefined ? {} : { database }),
        differences,
      }))
      const upToDate = result.differences.length === 0
      out(io, JSON.stringify({ upToDate, differences: result.differences, databases, notManaged: result.notManaged }, null, 2))
      return upToDate ? 0 : 1
    }
    // On stderr, so stdout stays the verdict: these are neither compared nor ever dropped.
    if (result.notManaged.length > 0) {
      info(io, `Not managed (${result.notManaged.length}), neither compared nor ever dropped:`)
      for (const line of result.notManaged) info(io, `  ${line}`)
    }
    if (result.differences.length === 0) {
      out(io, 'No new upgrade operations detected.')
      return 0
    }
    out(io, `New upgrade operations detected (${result.differences.length}):`)
    for (const line of result.differences) out(io, `  ${line}`)
    return 1
  },
}

/** `check --all`: 0 when no database differs from the models, 1 when one does. */
function noDrift(result: FanOutResult): number {
  return result.databases.some((row) => row.status === 'drift') ? 1 : 0
}

export const pullVerb: Verb = {
  summary: 'write a models module from the live database',
  usage: 'pull [-o FILE] [--schema NAME]... [--db NAME] [--strict] [--json]',
  options: [
    { name: 'output', short: 'o', value: true, description: 'the file to write (default: print it)' },
    { name: 'schema', value: true, repeatable: true, description: 'a PostgreSQL schema to read besides public' },
    { name: 'strict', description: 'exit 1 when the database holds objects the models cannot represent' },
    json,
  ],
  async run({ positionals, options, common, io }) {
    at(positionals, 0, 'pull')
    const output = str(options['output'])
    const { pull } = await import('../../command/pull.js')
    const result = await pull({ ...common, ...(output ? { output } : {}), schemas: strs(options['schema']) })
    const status = options['strict'] === true && result.unmanaged.length > 0 ? 1 : 0
    if (options['json'] === true) {
      const tables = result.tables.map((table) => (table.schema === undefined ? table.name : `${table.schema}.${table.name}`))
      // Written to a file, the module is there; printed, it is the document's `text`.
      const written = result.path === undefined ? { text: result.text } : { path: result.path }
      out(io, JSON.stringify({ tables, ...written, notRepresented: result.unmanaged }, null, 2))
      return status
    }
    if (result.path === undefined) io.stdout.write(result.text)
    for (const line of pullSummary(result)) info(io, line)
    return status
  },
}
