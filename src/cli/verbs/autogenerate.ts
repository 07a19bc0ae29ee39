import { migrate } from '../../command/migrate.js'
import { describeOperation } from '../../diff/describe.js'
import { info } from '../io.js'
import { compareArgs, named, revisionArgs, type VerbArgs } from './shared.js'

/** Shared by `migrate` and `revision --autogenerate`. */
export async function autogenerateRevision(args: VerbArgs): Promise<number> {
  const { options, common, io } = args
  const result = await migrate({ ...common, ...compareArgs(options), ...revisionArgs(options) })
  if (result.revision === undefined) {
    info(io, 'No changes in schema detected.')
    return 0
  }
  for (const { database, ops } of result.databases) for (const op of ops) info(io, named(database, `Detected ${describeOperation(op)}`))
  info(io, `Generating ${result.revision.path} ... done`)
  return 0
}
