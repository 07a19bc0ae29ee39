import { migrate } from '../../command/migrate.js'
import { describeOperationLines } from '../../diff/describe.js'
import { describePossibleRename } from '../../diff/possible-renames.js'
import { info, out } from '../io.js'
import { compareArgs, named, renameArgs, revisionArgs, type VerbArgs } from './shared.js'

/**
 * Shared by `migrate` and `revision --autogenerate`. With `--json`:
 * `{ "revision": { "revision", "path", "downRevisions" } | null, "databases": [{ "changes": [...], "ops": [...] }] }`.
 */
export async function autogenerateRevision(args: VerbArgs): Promise<number> {
  const { options, common, io } = args
  const result = await migrate({ ...common, ...compareArgs(options), ...renameArgs(options), ...revisionArgs(options) })
  if (options['json'] === true) {
    const databases = result.databases.map(({ database, ops }) => ({
      ...(database === undefined ? {} : { database }),
      changes: ops.flatMap(describeOperationLines),
      ops,
    }))
    out(io, JSON.stringify({ revision: result.revision ?? null, databases, possibleRenames: result.possibleRenames }, null, 2))
    return 0
  }
  if (result.revision === undefined) {
    info(io, 'No changes in schema detected.')
    return 0
  }
  for (const { database, ops } of result.databases)
    for (const op of ops) for (const line of describeOperationLines(op)) info(io, named(database, `Detected ${line}`))
  for (const rename of result.possibleRenames) info(io, `warning: ${describePossibleRename(rename)}`)
  info(io, `Generating ${result.revision.path} ... done`)
  return 0
}
