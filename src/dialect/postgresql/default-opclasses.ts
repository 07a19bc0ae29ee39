import type { Queryable } from '../introspector.js'

const words = (text: string): readonly string[] => text.split(' ')

/**
 * PostgreSQL 15's default operator classes per access method (pg_opclass
 * rows with opcdefault, src/include/catalog/pg_opclass.dat): a key naming
 * one of these is stored as if it named none, and pg_get_indexdef leaves it
 * out. The catalog of a live server, extensions' classes included
 * (citext's `citext_ops`), is read by {@link readDefaultOperatorClasses}.
 *
 * @example
 * BUILT_IN_DEFAULT_OPERATOR_CLASSES['gin']?.includes('jsonb_ops') // true
 */
export const BUILT_IN_DEFAULT_OPERATOR_CLASSES: Readonly<Record<string, readonly string[]>> = {
  brin: words(
    'bit_minmax_ops box_inclusion_ops bpchar_minmax_ops bytea_minmax_ops char_minmax_ops date_minmax_ops float4_minmax_ops ' +
      'float8_minmax_ops inet_inclusion_ops int2_minmax_ops int4_minmax_ops int8_minmax_ops interval_minmax_ops ' +
      'macaddr8_minmax_ops macaddr_minmax_ops name_minmax_ops numeric_minmax_ops oid_minmax_ops pg_lsn_minmax_ops ' +
      'range_inclusion_ops text_minmax_ops tid_minmax_ops time_minmax_ops timestamp_minmax_ops timestamptz_minmax_ops ' +
      'timetz_minmax_ops uuid_minmax_ops varbit_minmax_ops',
  ),
  btree: words(
    'array_ops bit_ops bool_ops bpchar_ops bytea_ops char_ops date_ops enum_ops float4_ops float8_ops inet_ops int2_ops ' +
      'int4_ops int8_ops interval_ops jsonb_ops macaddr8_ops macaddr_ops money_ops multirange_ops name_ops numeric_ops ' +
      'oid_ops oidvector_ops pg_lsn_ops range_ops record_ops text_ops tid_ops time_ops timestamp_ops timestamptz_ops ' +
      'timetz_ops tsquery_ops tsvector_ops uuid_ops varbit_ops xid8_ops',
  ),
  gin: words('array_ops jsonb_ops tsvector_ops'),
  gist: words('box_ops circle_ops multirange_ops point_ops poly_ops range_ops tsquery_ops tsvector_ops'),
  hash: words(
    'aclitem_ops array_ops bool_ops bpchar_ops bytea_ops char_ops cid_ops date_ops enum_ops float4_ops float8_ops inet_ops ' +
      'int2_ops int4_ops int8_ops interval_ops jsonb_ops macaddr8_ops macaddr_ops multirange_ops name_ops numeric_ops ' +
      'oid_ops oidvector_ops pg_lsn_ops range_ops record_ops text_ops tid_ops time_ops timestamp_ops timestamptz_ops ' +
      'timetz_ops uuid_ops xid8_ops xid_ops',
  ),
  spgist: words('box_ops inet_ops poly_ops quad_point_ops range_ops text_ops'),
}

/**
 * The default operator classes of every access method a server has, by
 * method: one query over pg_opclass, whose rows are few (about 120 on a
 * bare server).
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * const defaults = await readDefaultOperatorClasses(connection)
 * defaults['btree']?.includes('int4_ops') // true
 */
export async function readDefaultOperatorClasses(db: Queryable): Promise<Readonly<Record<string, readonly string[]>>> {
  const rows = await db.query(
    'SELECT am.amname::text AS method, oc.opcname::text AS name FROM pg_catalog.pg_opclass oc ' +
      'JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod WHERE oc.opcdefault',
  )
  const defaults: Record<string, string[]> = {}
  for (const row of rows) {
    const method = String(row['method'])
    defaults[method] = [...(defaults[method] ?? []), String(row['name'])]
  }
  return defaults
}
