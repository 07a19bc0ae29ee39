import { StepIsolationRequired } from '../../dialect.js'
import type { DatabaseConnection } from '../../driver.js'
import { isolatedForRebuild, sqliteStepIsolation } from '../step-isolation.js'
import { describeFailure } from './describe-failure.js'
import { rebuildNote, type RebuildEvents } from '../../rebuild-events.js'
import type { NamingConvention } from '../../../schema/naming-convention.js'
import type { Query } from './read-table.js'
import { rebuildTable } from './rebuild-table.js'
import type { TableRebuild } from '../../types.js'

const SAVEPOINT = '"athanor_rebuild"'

/**
 * Rebuilds a table on a live SQLite connection with foreign-key enforcement
 * off, as SQLite's ALTER TABLE page prescribes: dropping the old table then
 * neither fires the children's ON DELETE actions nor scans the children for
 * each row, so the rebuild is linear in the table's rows. Enforcement can
 * only change outside a transaction: inside the runner's, the migration is
 * handed back to be run again isolated (StepIsolationRequired); outside
 * one (a `transactional = false` script), the rebuild isolates itself.
 * It runs in its own savepoint: on any failure the table is exactly as it
 * was, and the error names the table, the constraint and an offending row.
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
  const query: Query = (sql, params) => connection.query(sql, params ?? [])
  const enforced = Number(Object.values((await query('PRAGMA foreign_keys'))[0] ?? {})[0] ?? 0) === 1
  if (!enforced) return rebuildInSavepoint(connection, request, convention, events)
  if (connection.inTransaction) {
    throw new StepIsolationRequired(
      `rebuilding table "${request.op.table}" needs foreign keys off, which only changes outside a transaction`,
    )
  }
  await sqliteStepIsolation.enter(connection)
  try {
    await connection.begin()
    try {
      await rebuildInSavepoint(connection, request, convention, events)
      await sqliteStepIsolation.verify(connection)
      await connection.commit()
    } catch (error) {
      await connection.rollback()
      throw error
    }
  } finally {
    await sqliteStepIsolation.leave(connection)
  }
}

async function rebuildInSavepoint(
  connection: DatabaseConnection,
  request: TableRebuild,
  convention: NamingConvention,
  events: RebuildEvents,
): Promise<void> {
  const query: Query = (sql, params) => connection.query(sql, params ?? [])
  const execute = (sql: string) => connection.execute({ sql })
  const progress = events.progress
  await execute(`SAVEPOINT ${SAVEPOINT}`)
  try {
    const outcome = await rebuildTable(
      {
        query,
        execute,
        mode: 'online',
        checkForeignKeys: !isolatedForRebuild(connection),
        ...(progress === undefined
          ? {}
          : { progress: (done: number, total: number) => progress(`rebuilding "${request.op.table}"`, done, total) }),
      },
      request,
      request.ctx,
      convention,
    )
    await execute(`RELEASE ${SAVEPOINT}`)
    events.notice?.(rebuildNote(outcome.table, request.reason, outcome.rows, outcome.notes))
  } catch (error) {
    // A full disk or an I/O error makes SQLite roll back the whole
    // transaction, savepoint and all: undoing it again would only replace
    // the cause with "no such savepoint".
    if (connection.inTransaction) {
      await execute(`ROLLBACK TO ${SAVEPOINT}`)
      await execute(`RELEASE ${SAVEPOINT}`)
    }
    throw await describeFailure(error, request.op.table, query, checksMadeBy(request.op))
  }
}

/** The checks an operation (or a batch of them) makes, by name: what a failed rebuild names a row against. */
function checksMadeBy(op: TableRebuild['op']): (name: string) => string | undefined {
  const ops = op.kind === 'batch_alter_table' ? op.ops : [op]
  const made = new Map(
    ops.flatMap((inner) =>
      inner.kind === 'create_check_constraint' && inner.constraint.name !== undefined
        ? [[inner.constraint.name, inner.constraint.expression] as const]
        : [],
    ),
  )
  return (name) => made.get(name)
}
