import type { VersionRowChange } from '../revision/types.js'
import { compilerFor } from '../runtime/compilers.js'
import { readCurrentHeads, withConnection } from '../runtime/connect.js'
import type { MigrationExecutor } from '../runtime/executor.js'
import { LiveExecutor } from '../runtime/live-executor.js'
import { OfflineExecutor } from '../runtime/offline-executor.js'
import { applyVersionRowChanges } from '../runtime/version-rows.js'
import { openProject, type CommandOptions } from './project.js'

export interface StampOptions extends CommandOptions {
  /** Empty the version table first; the way out of a database stamped with an unknown revision. */
  readonly purge?: boolean
  readonly sql?: boolean
  readonly write?: (text: string) => void
}

/**
 * Sets the version table to the given revisions without running any
 * migration (`flask db stamp`): for a database whose schema is already there.
 *
 * @example
 * await stamp({ url: 'sqlite:///app.db' }, ['head'])
 */
export async function stamp(options: StampOptions, targets: readonly string[]): Promise<{ from: string[]; to: string[] }> {
  const project = await openProject(options)
  const graph = (await project.scripts()).graph
  const url = project.databaseUrl()
  const purge = options.purge === true

  const record = async (executor: MigrationExecutor, heads: string[], changes: readonly VersionRowChange[]) => {
    await executor.begin()
    try {
      await executor.ensureVersionTable()
      await executor.applyVersionChanges(changes)
      await executor.commit()
    } catch (error) {
      await executor.rollback()
      throw error
    }
    return heads
  }

  if (options.sql) {
    const changes = graph.planStamp([], targets)
    const write = options.write ?? ((text: string) => process.stdout.write(text))
    await record(new OfflineExecutor(compilerFor(url.dialect), project.versionTable, write), [], changes)
    return { from: [], to: applyVersionRowChanges([], changes) }
  }

  return withConnection(url, async (connection) => {
    const heads = await readCurrentHeads(connection, project.versionTable)
    if (!purge) graph.checkHeads(heads)
    // A purge empties the table first, rows the graph may not know included,
    // then stamps as if from base.
    const changes: VersionRowChange[] = purge
      ? [...heads.map((id) => ({ kind: 'delete' as const, id })), ...graph.planStamp([], targets)]
      : graph.planStamp(heads, targets)
    await record(new LiveExecutor(connection, compilerFor(url.dialect), project.versionTable), heads, changes)
    return { from: heads, to: await readCurrentHeads(connection, project.versionTable) }
  })
}
