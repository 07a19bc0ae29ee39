import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { Statement } from '../dialect/types.js'
import { describeIndexes } from './describe-indexes.js'

/**
 * Runs a statement that builds an index outside a transaction (PostgreSQL's
 * CREATE INDEX CONCURRENTLY) and makes sure the index it leaves is valid. A
 * build that fails, or is cancelled, leaves the index in the catalog marked
 * invalid: not used by queries, yet maintained by every write, and in the way
 * of the same build's next attempt
 * (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY).
 * Such an index is dropped, concurrently, and the run fails naming it; the
 * drop is athanor's own housekeeping, which a step's journal does not
 * record, so the build stays the statement that did not take effect. The
 * statement returns only once the build has ended, so one look at the catalog
 * (pg_index.indisvalid) afterwards tells; there is nothing to wait for.
 *
 * @example
 * import type { Dialect } from '../dialect/dialect.js'
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const connection: DatabaseConnection, dialect: Dialect
 * const statement = { sql: 'CREATE INDEX CONCURRENTLY "ix" ON "t" ("a")', outsideTransaction: true }
 * await buildValidIndex(connection, dialect, statement, () => connection.execute(statement))
 */
export async function buildValidIndex(
  connection: DatabaseConnection,
  dialect: Dialect,
  statement: Statement,
  run: () => Promise<void>,
): Promise<void> {
  const check = dialect.invalidIndexes
  if (check === null || statement.outsideTransaction !== true) return run()
  let failure: unknown
  try {
    await run()
  } catch (error) {
    failure = error
  }
  const created = await check.createdBy(connection, [statement.sql])
  const invalid =
    created.length === 0
      ? []
      : (await check.read(connection)).filter((index) =>
          created.some((made) => made.schema === index.schema && made.table === index.table && made.name === index.name),
        )
  for (const index of invalid) await connection.execute({ ...check.drop(index), housekeeping: true })
  if (invalid.length > 0) {
    const why = failure === undefined ? '' : `: ${String((failure as Error)?.message ?? failure).split('\n')[0]}`
    throw new AthanorError(
      'INVALID_INDEX',
      `the concurrent build of ${describeIndexes(invalid)} left ${invalid.length === 1 ? 'it' : 'them'} INVALID${why}; ` +
        `${invalid.length === 1 ? 'it was' : 'they were'} dropped, so the migration can run again once the cause is fixed`,
      failure === undefined ? {} : { cause: failure },
    )
  }
  if (failure !== undefined) throw failure
}
