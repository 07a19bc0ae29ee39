import type { Handler } from '../default/context.js'
import { afterCreateTable, createTableSql } from '../default/ops/create-table.js'
import { serialSequenceNames } from './serial-names.js'
import { AthanorError } from '../../core/errors.js'
import type { Table } from '../../schema/types.js'
import { storageParameters } from '../default/index-clauses.js'
import { createExclusionSql, createPolicySql, replicaIdentitySql, rowLevelSecurityStatements } from './security-ops.js'

/**
 * `CREATE TABLE`, with `PARTITION BY` for a partitioned table: its indexes
 * follow on the partitioned table itself, and PostgreSQL gives each
 * partition its own copy when the partition is created or attached.
 * `CREATE UNLOGGED TABLE` and `WITH (<storage>)` for a table whose
 * `postgresql` options ask for them (not on a partitioned one), and its row
 * level security turned on (and forced) after it is made.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const columns: Column[] = [{ name: 'logdate', type: { kind: 'date' }, nullable: false }]
 * const measurement: Table = { name: 'measurement', columns, postgresql: { partitionBy: 'RANGE (logdate)' } }
 * postgresCreateTable({ kind: 'create_table', table: measurement }, ctx)
 * // [{ sql: 'CREATE TABLE "measurement" (\n  "logdate" DATE NOT NULL\n) PARTITION BY RANGE (logdate)' }]
 */
/**
 * A replica identity USING INDEX names a unique index the table has: one of
 * its unique indexes or constraints, or its primary key (`<table>_pkey`
 * unless named). Any other name would fail at upgrade.
 */
function refuseUnknownIdentityIndex(table: Table): void {
  const identity = table.postgresql?.replicaIdentity
  if (identity === undefined || typeof identity === 'string') return
  const unique = [
    table.primaryKey?.name ?? `${table.name}_pkey`,
    ...(table.uniqueConstraints ?? []).map((uq) => uq.name),
    ...table.columns.filter((column) => column.unique === true).map((column) => `${table.name}_${column.name}_key`),
    ...(table.indexes ?? []).filter((index) => index.unique === true).map((index) => index.name),
  ]
  if (unique.includes(identity.index)) return
  throw new AthanorError(
    'INVALID_MODEL',
    `table "${table.name}": replica identity names index "${identity.index}", which is none of its unique indexes or keys`,
  )
}

export const postgresCreateTable: Handler<'create_table'> = (op, ctx) => {
  const { partitionBy, unlogged, storage } = op.table.postgresql ?? {}
  const stored = storage === undefined || Object.keys(storage).length === 0 ? undefined : storage
  if (partitionBy !== undefined && (unlogged === true || stored !== undefined)) {
    throw new AthanorError(
      'INVALID_MODEL',
      `Table "${op.table.name}" is partitioned, and PostgreSQL keeps ${unlogged === true ? 'UNLOGGED' : 'storage parameters'} ` +
        'to its partitions: give them to the partitions instead',
    )
  }
  refuseUnknownIdentityIndex(op.table)
  const withStorage = stored === undefined ? '' : ` WITH (${storageParameters(stored, `Table "${op.table.name}"`, 'INVALID_MODEL')})`
  const suffix = partitionBy === undefined ? { suffix: withStorage } : { suffix: ` PARTITION BY ${partitionBy}`, partitions: true }
  const ref = op.table.schema === undefined ? { table: op.table.name } : { table: op.table.name, schema: op.table.schema }
  return [
    { sql: createTableSql(op.table, ctx, { ...suffix, ...(unlogged === true ? { persistence: 'UNLOGGED' } : {}) }) },
    ...serialSequenceNames(ref, op.table.columns, ctx),
    ...afterCreateTable(op.table, ctx),
    ...rowLevelSecurityStatements(
      {
        kind: 'set_row_level_security',
        ...ref,
        ...(op.table.postgresql?.rowLevelSecurity === true ? { enabled: true } : {}),
        ...(op.table.postgresql?.forceRowLevelSecurity === true ? { forced: true } : {}),
      },
      ctx,
    ),
    // After the indexes: USING INDEX names one of them.
    ...(op.table.postgresql?.replicaIdentity === undefined
      ? []
      : [{ sql: replicaIdentitySql({ kind: 'set_replica_identity', ...ref, identity: op.table.postgresql.replicaIdentity }, ctx) }]),
    // A table made by hand (op.createTable) or again by a downgrade has them here; autogenerate makes them apart, later.
    ...(op.table.postgresql?.exclusions ?? []).map((exclusion) => ({
      sql: createExclusionSql({ kind: 'create_exclusion', ...ref, exclusion }, ctx),
    })),
    ...(op.table.postgresql?.policies ?? []).map((policy) => ({ sql: createPolicySql({ kind: 'create_policy', ...ref, policy }, ctx) })),
  ]
}
