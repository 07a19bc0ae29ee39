import { AthanorError } from '../../core/errors.js'
import type { Column, ColumnType, Table } from '../../schema/types.js'
import { describeAt } from '../default/column-type.js'
import { defaultSerialSequence } from './serial-names.js'

/** The serial types by name, as the integer type each makes (https://www.postgresql.org/docs/current/datatype-numeric.html). */
export const SERIAL_TYPES: Readonly<Record<string, 'smallint' | 'integer' | 'bigint'>> = {
  smallserial: 'smallint',
  serial2: 'smallint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
}

/**
 * The integer type a raw serial type (`col.raw('bigserial')`) makes, or
 * undefined for any other type. A serial type is no type: CREATE TABLE
 * and ADD COLUMN turn it into that integer type, a sequence the column owns
 * and a `nextval` default from it (parse_utilcmd.c), which the catalog
 * reads back.
 *
 * @example
 * rawSerialType({ kind: 'raw', sql: 'BIGSERIAL' }) // { kind: 'bigint' }
 * rawSerialType({ kind: 'raw', sql: 'bigint' }) // undefined
 */
export function rawSerialType(type: ColumnType): ColumnType | undefined {
  if (type.kind !== 'raw') return undefined
  const name = type.sql.trim().toLowerCase()
  return Object.hasOwn(SERIAL_TYPES, name) ? { kind: SERIAL_TYPES[name]! } : undefined
}

/**
 * The models' column as PostgreSQL holds it, given the column it holds
 * (`was`): a raw serial type is its integer type numbered from the sequence
 * the column already draws from, whatever that is named and set to (the
 * shorthand says neither), as the models' `.serial(…)` is. No ALTER COLUMN
 * takes a serial type, so a column not numbered from a sequence yet is
 * refused, with what the models can say instead.
 *
 * @example
 * const was: Column = { name: 'id', type: { kind: 'bigint' }, autoincrement: true, numbering: { kind: 'serial', sequence: 't_id_seq' } }
 * postgresColumnAsHeld({ name: 'id', type: { kind: 'raw', sql: 'bigserial' } }, was, { name: 't', columns: [] })
 * // { name: 'id', type: { kind: 'bigint' }, autoincrement: true, numbering: { kind: 'serial', sequence: 't_id_seq' } }
 */
export function postgresColumnAsHeld(wanted: Column, was: Column, table: Table): Column {
  const integer = rawSerialType(wanted.type)
  if (integer === undefined) return wanted
  if (was.autoincrement === true && was.numbering?.kind === 'serial') {
    return { ...wanted, type: integer, autoincrement: true, numbering: was.numbering }
  }
  const at = describeAt({ table: table.schema === undefined ? table.name : `${table.schema}.${table.name}`, column: wanted.name })
  const spelled = wanted.type.kind === 'raw' ? wanted.type.sql : ''
  throw new AthanorError(
    'UNSUPPORTED_OPERATION',
    `${at} is not numbered from a sequence, and ${spelled} is CREATE TABLE's shorthand, not a type ALTER COLUMN can change it to: ` +
      `write col.${integer.kind}().serial('${defaultSerialSequence(table.name, wanted.name)}') in the models instead`,
  )
}
