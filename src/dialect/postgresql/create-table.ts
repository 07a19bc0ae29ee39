import type { Handler } from '../default/context.js'
import { afterCreateTable, createTableSql } from '../default/ops/create-table.js'
import { serialSequenceNames } from './serial-names.js'

/**
 * `CREATE TABLE`, with `PARTITION BY` for a partitioned table: its indexes
 * follow on the partitioned table itself, and PostgreSQL gives each
 * partition its own copy when the partition is created or attached.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const columns: Column[] = [{ name: 'logdate', type: { kind: 'date' }, nullable: false }]
 * const measurement: Table = { name: 'measurement', columns, postgresql: { partitionBy: 'RANGE (logdate)' } }
 * postgresCreateTable({ kind: 'create_table', table: measurement }, ctx)
 * // [{ sql: 'CREATE TABLE "measurement" (\n  "logdate" DATE NOT NULL\n) PARTITION BY RANGE (logdate)' }]
 */
export const postgresCreateTable: Handler<'create_table'> = (op, ctx) => {
  const partitionBy = op.table.postgresql?.partitionBy
  const suffix = partitionBy === undefined ? {} : { suffix: ` PARTITION BY ${partitionBy}`, partitions: true }
  const ref = op.table.schema === undefined ? { table: op.table.name } : { table: op.table.name, schema: op.table.schema }
  return [
    { sql: createTableSql(op.table, ctx, suffix) },
    ...serialSequenceNames(ref, op.table.columns, ctx),
    ...afterCreateTable(op.table, ctx),
  ]
}
