import { migrate } from '../../command/migrate.js'
import { describeOperationLines } from '../../diff/describe.js'
import { describePossibleRename } from '../../diff/possible-renames.js'
import { describeRoundingChange } from '../../diff/rounding-changes.js'
import { type LintReport, lint } from '../../command/lint.js'
import type { CommandOptions } from '../../config/project.js'
import { isAthanorError } from '../../core/errors.js'
import { info, out, type CliIo } from '../io.js'
import { textReport } from '../lint/text.js'
import { compareArgs, named, renameArgs, revisionArgs, type VerbArgs } from './shared.js'

/**
 * Lints the script `migrate` just wrote; the script stays written whatever
 * lint finds, and a script lint cannot render is a warning, not a failure.
 */
async function lintNewScript(common: CommandOptions, revision: string, io: CliIo): Promise<LintReport | undefined> {
  try {
    return await lint({ ...common, revisions: [revision], notice: () => {} })
  } catch (error) {
    if (!isAthanorError(error)) throw error
    info(io, `warning: could not lint ${revision}: ${error.message}`)
    return undefined
  }
}

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
    const report = result.revision === undefined ? undefined : await lintNewScript(common, result.revision.revision, io)
    const lintFindings = report?.findings ?? []
    out(
      io,
      JSON.stringify(
        {
          revision: result.revision ?? null,
          databases,
          possibleRenames: result.possibleRenames,
          roundingChanges: result.roundingChanges,
          lintFindings,
        },
        null,
        2,
      ),
    )
    return 0
  }
  if (result.revision === undefined) {
    info(io, 'No changes in schema detected.')
    return 0
  }
  for (const { database, ops } of result.databases)
    for (const op of ops) for (const line of describeOperationLines(op)) info(io, named(database, `Detected ${line}`))
  for (const rename of result.possibleRenames) info(io, `warning: ${describePossibleRename(rename)}`)
  for (const change of result.roundingChanges) info(io, `warning: ${describeRoundingChange(change)}`)
  info(io, `Generating ${result.revision.path} ... done`)
  // The new script is the head now: migrate with a rename flag refuses until it is gone, and the upgrade
  // its refusal suggests would run the drop.
  if (result.possibleRenames.length > 0) {
    info(io, `warning: for a rename, delete ${result.revision.path} and run migrate again with the flag named above`)
  }
  const report = await lintNewScript(common, result.revision.revision, io)
  if (report !== undefined && report.findings.length > 0) info(io, textReport(report, process.cwd()).trimEnd())
  return 0
}
