import { AthanorError } from '../../../core/errors.js'
import type { Table } from '../../../schema/types.js'

/**
 * MySQL and MariaDB take one AUTO_INCREMENT column a table, and InnoDB
 * only one that leads some key ("there can be only one auto column and it
 * must be defined as a key"): the second column of a composite primary key
 * is refused at upgrade, after the statements before it ran. Said here, at
 * migrate, naming the table and column.
 *
 * @example
 * refuseUnkeyedAutoincrement({ name: 't', columns: [{ name: 'a', type: { kind: 'integer' } },
 *   { name: 'b', type: { kind: 'integer' }, autoincrement: true }], primaryKey: { columns: ['a', 'b'] } })
 * // throws INVALID_AUTOINCREMENT
 */
export function refuseUnkeyedAutoincrement(table: Table): void {
  const numbered = table.columns.filter((column) => column.autoincrement === true)
  if (numbered.length > 1) {
    throw new AthanorError(
      'INVALID_AUTOINCREMENT',
      `table "${table.name}" has ${numbered.length} AUTO_INCREMENT columns (${numbered.map((c) => c.name).join(', ')}); MySQL takes one`,
    )
  }
  const [column] = numbered
  if (column === undefined) return
  const leading = [
    table.primaryKey?.columns[0],
    ...table.columns.filter((c) => c.primaryKey === true || c.unique === true).map((c) => c.name),
    ...(table.uniqueConstraints ?? []).map((unique) => unique.columns[0]),
    ...(table.indexes ?? []).filter((index) => index.expressions !== true).map((index) => index.columns[0]),
  ]
  if (leading.some((name) => name !== undefined && name.toLowerCase() === column.name.toLowerCase())) return
  throw new AthanorError(
    'INVALID_AUTOINCREMENT',
    `table "${table.name}" column "${column.name}" is AUTO_INCREMENT but leads no key; InnoDB numbers only a column ` +
      'that is the first of its primary key, a unique key or an index',
  )
}
