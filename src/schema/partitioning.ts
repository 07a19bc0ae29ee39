import type { Policy } from './policy.js'
import type { ExclusionConstraint } from './exclusion.js'

/**
 * PostgreSQL's declarative partitioning
 * (https://www.postgresql.org/docs/current/ddl-partitioning.html): a
 * partitioned table holds no rows of its own, its partitions do, each
 * taking the rows its bounds admit. Partitions share the partitioned table's
 * columns and the indexes and constraints declared on it.
 */

/**
 * A table's replica identity other than its primary key (PostgreSQL's default).
 *
 * @example
 * const identities: ReplicaIdentity[] = ['full', 'nothing', { index: 'orders_code_key' }]
 */
export type ReplicaIdentity = 'full' | 'nothing' | { readonly index: string }

/**
 * PostgreSQL's options of a table in the model.
 *
 * @example
 * const options: PostgresTableOptions = { partitionBy: 'RANGE (logdate)' }
 * const cache: PostgresTableOptions = { unlogged: true, storage: { fillfactor: 70, autovacuum_enabled: false } }
 * const documents: PostgresTableOptions = { rowLevelSecurity: true, forceRowLevelSecurity: true }
 */
export interface PostgresTableOptions {
  /** The partition key as `pg_get_partkeydef` writes it: `RANGE (logdate)`, `LIST (city)`, `HASH (id)`. */
  readonly partitionBy?: string
  /** UNLOGGED: not written to the WAL, so faster to write, emptied after a crash and not replicated. */
  readonly unlogged?: boolean
  /** Storage parameters (`WITH (fillfactor = 70)`), as `pg_class.reloptions` holds them. */
  readonly storage?: Readonly<Record<string, string | number | boolean>>
  /** Row level security is on (`ENABLE ROW LEVEL SECURITY`): rows are seen and changed only as policies allow. */
  readonly rowLevelSecurity?: boolean
  /** Row level security binds the table's owner too (`FORCE ROW LEVEL SECURITY`), who otherwise bypasses it. */
  readonly forceRowLevelSecurity?: boolean
  /** The table's row security policies (`CREATE POLICY … ON` it), made after every table and routine of a migration. */
  readonly policies?: readonly Policy[]
  /**
   * What a row's old values carry into logical replication for its UPDATEs and
   * DELETEs (`REPLICA IDENTITY`): `full`, the whole row (what change data
   * capture reading old values needs), `nothing`, or the columns of a unique
   * index (`{ index }`); absent, the primary key.
   */
  readonly replicaIdentity?: ReplicaIdentity
  /** The table's exclusion constraints (`EXCLUDE USING gist (…)`), added after every table of a migration is made. */
  readonly exclusions?: readonly ExclusionConstraint[]
}

/**
 * A partition of a partitioned table (`CREATE TABLE name PARTITION OF
 * parent FOR VALUES …`), itself partitioned again when it has `partitionBy`.
 *
 * @example
 * const bounds = "FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')"
 * const march: Partition = { name: 'measurement_y2006m03', parent: 'measurement', bounds }
 */
export interface Partition {
  readonly name: string
  readonly schema?: string
  /** The partitioned table (or partition) it belongs to, in `parentSchema` when given, else in `schema`. */
  readonly parent: string
  readonly parentSchema?: string
  /** `FOR VALUES IN (…)`, `FOR VALUES FROM (…) TO (…)`, `FOR VALUES WITH (MODULUS m, REMAINDER r)` or `DEFAULT`. */
  readonly bounds: string
  readonly partitionBy?: string
}
