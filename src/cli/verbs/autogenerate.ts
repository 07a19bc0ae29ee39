import { migrate } from '../../command/migrate.js'
import { describeOperation } from '../../diff/describe.js'
import { info } from '../io.js'
import { compareArgs, named, str, strs, type VerbArgs } from './shared.js'

/** Shared by `migrate` and `revision --autogenerate`. */
export async function autogenerateRevision(args: VerbArgs): Promise<number> {
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
  const perDatabase = result.databases ?? [{ database: undefined, ops: result.ops }]
  for (const { database, ops } of perDatabase) for (const op of ops) info(io, named(database, `Detected ${describeOperation(op)}`))
  info(io, `Generating ${result.revision.path} ... done`)
  return 0
}
