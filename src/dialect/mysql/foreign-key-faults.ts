import type { Column, ColumnType, ForeignKeyConstraint, Table } from '../../schema/types.js'
import { isNotNull } from '../default/column.js'
import { mysqlType } from './column-type.js'

/**
 * Why InnoDB refuses this foreign key ("errno: 150 Foreign key constraint is
 * incorrectly formed"), for the faults it refuses on every MySQL and MariaDB:
 * a column pair whose values it cannot compare (an integer and a decimal,
 * text and bytes, FLOAT and DOUBLE), integers of another size or sign
 * (ZEROFILL is UNSIGNED), or SET NULL on a NOT NULL column; undefined for a
 * key it makes. What it compares otherwise (character sets and collations,
 * lengths, time types) is left to the server.
 *
 * @example
 * const users: Table = { name: 'users', columns: [{ name: 'id', type: { kind: 'bigint' }, primaryKey: true }] }
 * const orders: Table = { name: 'orders', columns: [{ name: 'user_id', type: { kind: 'integer' } }] }
 * mysqlForeignKeyFault({ columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] }, orders, users)
 * // 'pairs column "user_id" (INT) with "users"."id" (BIGINT): InnoDB wants integers of the same size and sign'
 */
export function mysqlForeignKeyFault(fk: ForeignKeyConstraint, table: Table, referred: Table): string | undefined {
  const primary = new Set((table.primaryKey?.columns ?? []).map((name) => name.toLowerCase()))
  for (const [at, name] of fk.columns.entries()) {
    const column = columnNamed(table, name)
    const target = columnNamed(referred, fk.referredColumns[at] ?? '')
    if (column === undefined || target === undefined) continue
    const setNull = fk.onDelete === 'SET NULL' ? 'ON DELETE' : fk.onUpdate === 'SET NULL' ? 'ON UPDATE' : undefined
    if (setNull !== undefined && isNotNull(column, primary.has(column.name.toLowerCase()))) {
      return `is ${setNull} SET NULL, but its column "${column.name}" is NOT NULL: InnoDB refuses the key; make the column nullable`
    }
    const why = mismatch(column.type, target.type)
    if (why !== undefined) {
      return (
        `pairs column "${column.name}" (${typeText(column.type)}) with "${referred.name}"."${target.name}" ` +
        `(${typeText(target.type)}): InnoDB wants ${why}`
      )
    }
  }
  return undefined
}

function columnNamed(table: Table, name: string): Column | undefined {
  return table.columns.find((column) => column.name.toLowerCase() === name.toLowerCase())
}

/** What InnoDB wants of the pair, when it cannot hold one to the other. */
function mismatch(one: ColumnType, other: ColumnType): string | undefined {
  const [a, b] = [comparedAs(one), comparedAs(other)]
  if (a === undefined || b === undefined) return undefined
  if (a.family !== b.family) return 'columns of one kind (integers, decimals, FLOAT, DOUBLE, text or bytes)'
  if (a.family === 'integer' && (a.bytes !== b.bytes || a.unsigned !== b.unsigned)) return 'integers of the same size and sign'
  return undefined
}

const INTEGER_BYTES: Readonly<Record<string, number>> = { boolean: 1, tinyint: 1, smallint: 2, mediumint: 3, integer: 4, bigint: 8 }

/** How InnoDB compares a column's values: its family, and an integer's size and sign; undefined where left to the server. */
function comparedAs(type: ColumnType): { family: string; bytes?: number; unsigned?: boolean } | undefined {
  const bytes = INTEGER_BYTES[type.kind]
  if (bytes !== undefined) {
    const options = type as { readonly unsigned?: boolean; readonly zerofill?: boolean }
    return { family: 'integer', bytes, unsigned: options.unsigned === true || options.zerofill === true }
  }
  if (type.kind === 'string' || type.kind === 'text' || type.kind === 'uuid') return { family: 'text' }
  if (type.kind === 'binary' || type.kind === 'numeric' || type.kind === 'real' || type.kind === 'double') return { family: type.kind }
  return undefined
}

function typeText(type: ColumnType): string {
  try {
    return mysqlType(type)
  } catch {
    return type.kind
  }
}
