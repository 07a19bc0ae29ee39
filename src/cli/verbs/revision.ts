import { info } from '../io.js'
import {
  at,
  branchLabel,
  json,
  message,
  models,
  offline,
  printJsonOr,
  noStrictRenames,
  renameColumn,
  renameTable,
  strictRenames,
  revId,
  revisionArgs,
  type Verb,
} from './shared.js'

export const revisionVerb: Verb = {
  summary: 'write a new, empty migration script',
  usage: 'revision -m MSG [--head REV] [--splice] [--branch-label L] [--depends-on REV]... [--rev-id ID] [--version-path DIR] [--json]',
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
    offline,
    renameTable,
    renameColumn,
    strictRenames,
    noStrictRenames,
    json,
  ],
  async run(args) {
    const { positionals, options, common, io } = args
    at(positionals, 0, 'revision')
    if (options['autogenerate'] === true) return (await import('./autogenerate.js')).autogenerateRevision(args)
    const { revision } = await import('../../command/revision.js')
    const result = await revision({ ...common, ...revisionArgs(options) })
    printJsonOr(io, result, options['json'] === true, () => info(io, `Generating ${result.path} ... done`))
    return 0
  },
}
