import type { DatabaseConnection } from '../../driver.js'
import { describeFailure } from './describe-failure.js'
import { rebuildNote, type RebuildEvents } from '../../rebuild-events.js'
import type { NamingConvention } from '../../../schema/naming-convention.js'
import type { Query } from './read-table.js'
import { rebuildTable } from './rebuild-table.js'
import type { TableRebuild } from '../../types.js'

const SAVEPOINT = '"athanor_rebuild"'

/**
 * Rebuilds a table on a live SQLite connection, inside the migration's
 * transaction and its own savepoint: on any failure the savepoint is rolled
 * back, so the original table is exactly as it was, and the error names the
 * table, the constraint and an offending row.
 *
 * @example
 * import { DEFAULT_NAMING_CONVENTION } from '../../../schema/naming-convention.js'
 * import { openConnection } from '../../registry.js'
 * import { sqliteCompiler } from '../compiler.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const request = sqliteCompiler.compile({ kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false } }, 'online')
 * if (request.kind === 'rebuild') await rebuildLive(connection, request, DEFAULT_NAMING_CONVENTION, { notice: console.error })
 * // stderr: SQLite: rebuilt table "user" (column "email": nullability)
 */
export async function rebuildLive(
  connection: DatabaseConnection,
  request: TableRebuild,
  convention: NamingConvention,
  events: RebuildEvents = {},
): Promise<void> {
  const ctx = request.ctx
  const query: Query = (sql, params) => connection.query(sql, params ?? [])
  const pragma = async (name: string) => Number(Object.values((await query(`PRAGMA ${name}`))[0] ?? {})[0] ?? 0) === 1
  const foreignKeys = await pragma('foreign_keys')
  const deferred = await pragma('defer_foreign_keys')
  const execute = (sql: string) => connection.execute({ sql })
  const progress = events.progress
  await execute(`SAVEPOINT ${SAVEPOINT}`)
  try {
    const outcome = await rebuildTable(
      {
        query,
        execute,
        mode: 'online',
        foreignKeys,
        ...(progress === undefined ? {} : { progress: (done: number, total: number) => progress(`rebuilding "${request.op.table}"`, done, total) }),
      },
      request,
      ctx,
      convention,
    )
    await execute(`RELEASE ${SAVEPOINT}`)
    events.notice?.(rebuildNote(outcome.table, request.reason, outcome.rows, outcome.notes))
  } catch (error) {
    await execute(`ROLLBACK TO ${SAVEPOINT}`)
    await execute(`RELEASE ${SAVEPOINT}`)
    throw await describeFailure(error, request.op.table, query)
  } finally {
    // Not undone by a rollback: pragmas are not part of the transaction.
    await execute(`PRAGMA defer_foreign_keys = ${deferred ? 'ON' : 'OFF'}`)
  }
}
