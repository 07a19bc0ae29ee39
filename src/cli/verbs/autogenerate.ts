import { migrate } from '../../command/migrate.js'
import { describeOperation } from '../../diff/describe.js'
import { describePossibleRename } from '../../diff/possible-renames.js'
import { info } from '../io.js'
import { compareArgs, named, renameArgs, revisionArgs, type VerbArgs } from './shared.js'

/** Shared by `migrate` and `revision --autogenerate`. */
export async function autogenerateRevision(args: VerbArgs): Promise<number> {
  const { options, common, io } = args
  const result = await migrate({ ...common, ...compareArgs(options), ...renameArgs(options), ...revisionArgs(options) })
  if (result.revision === undefined) {
    info(io, 'No changes in schema detected.')
    return 0
  }
  for (const { database, ops } of result.databases) for (const op of ops) info(io, named(database, `Detected ${describeOperation(op)}`))
  for (const rename of result.possibleRenames) info(io, `warning: ${describePossibleRename(rename)}`)
  info(io, `Generating ${result.revision.path} ... done`)
  return 0
}
