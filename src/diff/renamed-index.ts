import type { Index, Table } from '../schema/types.js'
import { withRenamedColumns } from './columns.js'

/**
 * `index` as the migration's column renames leave it: every database
 * carries a rename into the indexes on the column, so an index that differs
 * from the models' only by the rename is the same index, kept as it is
 * rather than dropped and built again.
 *
 * @example
 * indexAsRenamed({ name: 'ix_a_k', columns: ['k'], where: 'k IS NOT NULL' }, new Map([['k', 'key']]))
 * // { name: 'ix_a_k', columns: ['key'], where: 'key IS NOT NULL' }
 */
export function indexAsRenamed(index: Index, renamed: ReadonlyMap<string, string>): Index {
  if (renamed.size === 0) return index
  const entry = (column: string) => (index.expressions === true ? withRenamedColumns(column, renamed) : (renamed.get(column) ?? column))
  const keyed = <T>(record: Readonly<Record<string, T>> | undefined) =>
    record === undefined ? undefined : Object.fromEntries(Object.entries(record).map(([column, value]) => [entry(column), value]))
  const options = {
    prefixLengths: keyed(index.prefixLengths),
    order: keyed(index.order),
    nulls: keyed(index.nulls),
    opclass: keyed(index.opclass),
    include: index.include?.map((column) => renamed.get(column) ?? column),
    where: index.where === undefined ? undefined : withRenamedColumns(index.where, renamed),
  }
  const present = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
  return { ...index, columns: index.columns.map(entry), ...present }
}

/**
 * `table` with its columns under the names the migration's renames give
 * them, for what looks a column up by name (an index's prefix length).
 *
 * @example
 * tableAsRenamed({ name: 't', columns: [{ name: 'k', type: { kind: 'text' } }] }, new Map([['k', 'key']])).columns[0]?.name // 'key'
 */
export function tableAsRenamed(table: Table, renamed: ReadonlyMap<string, string>): Table {
  if (renamed.size === 0) return table
  return { ...table, columns: table.columns.map((column) => ({ ...column, name: renamed.get(column.name) ?? column.name })) }
}
