import type { Partition } from '../schema/partitioning.js'
import type { DefaultValue, Table } from '../schema/types.js'

/**
 * A partition in the models: pass it to `defineModels` beside its
 * partitioned table.
 *
 * @example
 * const rest: PgPartition = partition('measurement_rest', 'measurement', 'DEFAULT')
 */
export interface PgPartition extends Partition {
  readonly objectKind: 'partition'
}

/**
 * Where a partition lives, and the key of a partition partitioned again.
 *
 * @example
 * const options: PartitionOptions = { partitionBy: 'LIST (city_id)' }
 */
export interface PartitionOptions {
  readonly schema?: string
  /** The parent's schema when it is named by a string and lives in another schema than the partition. */
  readonly parentSchema?: string
  readonly partitionBy?: string
}

/**
 * Declares a partition of a partitioned table (PostgreSQL): `CREATE TABLE
 * name PARTITION OF parent bounds`. Its columns, keys and indexes are the
 * parent's; `bounds` is `FOR VALUES FROM (…) TO (…)`, `FOR VALUES IN (…)`,
 * `FOR VALUES WITH (MODULUS m, REMAINDER r)` or `DEFAULT`. New bounds
 * detach the partition and attach it again, keeping its rows.
 *
 * @example
 * export const measurement = table('measurement', {
 *   city_id: col.integer().notNull(),
 *   logdate: col.date().notNull(),
 * }, { postgresql: { partitionBy: 'RANGE (logdate)' } })
 * export const march = partition('measurement_y2006m03', measurement, sql`FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')`)
 * export default defineModels(measurement, march)
 */
export function partition(
  name: string,
  parent: string | Table,
  bounds: string | DefaultValue,
  options: PartitionOptions = {},
): PgPartition {
  const text = typeof bounds === 'string' ? bounds : bounds.kind === 'expression' ? bounds.sql : String(bounds.value)
  const parentName = typeof parent === 'string' ? parent : parent.name
  const parentSchema = typeof parent === 'string' ? options.parentSchema : parent.schema
  return {
    objectKind: 'partition',
    name,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    parent: parentName,
    ...(parentSchema === undefined || parentSchema === options.schema ? {} : { parentSchema }),
    bounds: text.trim(),
    ...(options.partitionBy === undefined ? {} : { partitionBy: options.partitionBy }),
  }
}
