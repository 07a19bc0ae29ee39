import { AthanorError } from '../../../core/errors.js'
import type { ColumnType, Index, Table } from '../../../schema/types.js'

/**
 * Refuses, at migrate, the keys on a whole TEXT, BLOB or JSON column that
 * the server would refuse at upgrade, after the statements before them ran:
 *
 * - A primary key takes such a column only on a prefix of it ("used in key
 *   specification without a key length", on MySQL and MariaDB alike).
 * - A plain index of several columns cannot hold one whole either. MariaDB
 *   cuts a lone long column to the longest key part the engine allows
 *   (3072 bytes on InnoDB), which leaves no room for another part ("Specified
 *   key was too long"); MySQL refuses the column outright.
 *
 * A plain index on the column alone is left to the server (MariaDB keys it on
 * a prefix of its own choosing, where MySQL refuses it), and so are unique
 * keys (MariaDB holds them by a hash of the whole value), and TINYTEXT and
 * TINYBLOB, which are short enough to key whole.
 *
 * @example
 * refuseWholeLongValueKeys({ name: 't', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true },
 *   { name: 'name', type: { kind: 'text' } }], indexes: [{ name: 'ix', columns: ['name', 'id'] }] })
 * // throws INVALID_CONSTRAINT: table "t": index ix takes column "name" (TEXT) whole beside other columns, …
 */
export function refuseWholeLongValueKeys(table: Table): void {
  refuseWholePrimaryKey(table)
  for (const index of table.indexes ?? []) refuseWholeInCompositeIndex(table, index)
}

function refuseWholePrimaryKey(table: Table): void {
  const primary = table.primaryKey ?? { columns: table.columns.filter((column) => column.primaryKey === true).map((c) => c.name) }
  const whole = table.columns.find(
    ({ name, type }) =>
      primary.columns.includes(name) &&
      primary.prefixLengths?.[name] === undefined &&
      (type.kind === 'text' || type.kind === 'json' || (type.kind === 'binary' && type.length === undefined)),
  )
  if (whole === undefined) return
  throw new AthanorError(
    'INVALID_CONSTRAINT',
    `table "${table.name}": the primary key takes column "${whole.name}" whole, which MySQL keys only on a prefix; give it prefixLengths`,
  )
}

function refuseWholeInCompositeIndex(table: Table, index: Index): void {
  const plain = index.unique !== true && index.fulltext !== true && index.spatial !== true && index.expressions !== true
  if (!plain || index.columns.length < 2) return
  for (const name of index.columns) {
    if (index.prefixLengths?.[name] !== undefined) continue
    const column = table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())
    const kind = column === undefined ? undefined : longValueKind(column.type)
    if (column === undefined || kind === undefined) continue
    throw new AthanorError(
      'INVALID_CONSTRAINT',
      `table "${table.name}": index ${index.name} takes column "${column.name}" (${kind}) whole beside other columns, ` +
        'which MySQL and MariaDB refuse ("Specified key was too long"); give it prefixLengths',
    )
  }
}

/** The type's name when its values can be longer than any key part (65,535 bytes and up), else undefined. */
function longValueKind(type: ColumnType): string | undefined {
  if (type.kind === 'json') return 'JSON'
  if (type.kind === 'text' && type.size !== 'tiny') return `${(type.size ?? '').toUpperCase()}TEXT`
  if (type.kind === 'binary' && type.length === undefined && type.size !== 'tiny') return `${(type.size ?? '').toUpperCase()}BLOB`
  return undefined
}
