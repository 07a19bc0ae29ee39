import { pgTypeName } from '../schema/pg-objects.js'
import { ColumnBuilder } from './column.js'

/**
 * Options of an enum type's or domain's `.column()`.
 *
 * @example
 * const options: TypeColumnOptions = { array: true } // pgEnum('mood', ['sad', 'happy']).column(options) is a mood[] column
 */
export interface TypeColumnOptions {
  /** An array of the type. PostgreSQL keeps no dimensions, so `mood[][]` is `mood[]` too. */
  readonly array?: boolean
}

/**
 * The column of a named PostgreSQL type (an enum type, a domain):
 * its name as format_type writes it, with `[]` for an array of it.
 *
 * @example
 * namedTypeColumn('mood', undefined, { array: true }) // a column of type mood[]
 */
export function namedTypeColumn(name: string, schema: string | undefined, options: TypeColumnOptions = {}): ColumnBuilder {
  return new ColumnBuilder({ kind: 'raw', sql: `${pgTypeName(name, schema)}${options.array === true ? '[]' : ''}` })
}
