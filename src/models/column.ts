import { sql as sqlExpression, toDefaultValue, type DefaultInput } from '../schema/column-types.js'
import type { Column, ColumnType, ReferentialAction } from '../schema/types.js'

/** A foreign key declared on one column with `.references(...)`. */
export interface ColumnReference {
  readonly table: string
  readonly column: string
  readonly schema?: string
  readonly name?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
}

type Settings = Omit<Column, 'name' | 'type'> & { readonly references?: ColumnReference }

/**
 * One column of a model, built by chaining: each method returns a new
 * builder, so a shared `col.integer()` can be reused safely. The column's
 * name is the key it is given in {@link table}.
 *
 * @example
 * col.string(120).notNull().unique().comment('login name')
 */
export class ColumnBuilder {
  readonly type: ColumnType
  readonly settings: Settings

  constructor(type: ColumnType, settings: Settings = {}) {
    this.type = type
    this.settings = settings
  }

  #with(change: Settings): ColumnBuilder {
    return new ColumnBuilder(this.type, { ...this.settings, ...change })
  }

  /** NOT NULL. Columns are nullable unless told, as in SQL. @example col.text().notNull() */
  notNull(): ColumnBuilder {
    return this.#with({ nullable: false })
  }

  /** Explicitly nullable (the default). @example col.text().nullable() */
  nullable(): ColumnBuilder {
    return this.#with({ nullable: true })
  }

  /** Part of the primary key; several columns marked make a composite key. @example col.integer().primaryKey() */
  primaryKey(): ColumnBuilder {
    return this.#with({ primaryKey: true, nullable: false })
  }

  /** Numbered by the database (identity, AUTO_INCREMENT, AUTOINCREMENT). @example col.integer().primaryKey().autoincrement() */
  autoincrement(): ColumnBuilder {
    return this.#with({ autoincrement: true })
  }

  /**
   * A server default: a plain value is a literal, `sql('now()')` an expression.
   *
   * @example
   * col.timestamp().default(sql('CURRENT_TIMESTAMP'))
   */
  default(value: DefaultInput): ColumnBuilder {
    return this.#with({ serverDefault: toDefaultValue(value) })
  }

  /** A single-column unique constraint. @example col.string(200).unique() */
  unique(): ColumnBuilder {
    return this.#with({ unique: true })
  }

  /** @example col.text().comment('shown on the profile page') */
  comment(text: string): ColumnBuilder {
    return this.#with({ comment: text })
  }

  /**
   * A foreign key from this column; `column` defaults to `id`.
   *
   * @example
   * col.integer().notNull().references('users', { onDelete: 'CASCADE' })
   */
  references(table: string, options: Partial<Omit<ColumnReference, 'table'>> = {}): ColumnBuilder {
    return this.#with({ references: { column: 'id', ...options, table } })
  }
}

const make = (type: ColumnType) => new ColumnBuilder(type)

/**
 * Column types for models. Only these names exist, so a typo such as
 * `col.strng(80)` does not compile.
 *
 * @example
 * const columns = { id: col.bigint().primaryKey().autoincrement(), price: col.numeric(10, 2).notNull() }
 */
export const col = {
  integer: () => make({ kind: 'integer' }),
  smallint: () => make({ kind: 'smallint' }),
  bigint: () => make({ kind: 'bigint' }),
  boolean: () => make({ kind: 'boolean' }),
  string: (length?: number) => make(length === undefined ? { kind: 'string' } : { kind: 'string', length }),
  text: () => make({ kind: 'text' }),
  numeric: (precision?: number, scale?: number) =>
    make({ kind: 'numeric', ...(precision === undefined ? {} : { precision }), ...(scale === undefined ? {} : { scale }) }),
  real: () => make({ kind: 'real' }),
  double: () => make({ kind: 'double' }),
  date: () => make({ kind: 'date' }),
  time: () => make({ kind: 'time' }),
  timestamp: (options: { readonly withTimeZone?: boolean } = {}) =>
    make(options.withTimeZone === true ? { kind: 'timestamp', withTimeZone: true } : { kind: 'timestamp' }),
  json: (options: { readonly binary?: boolean } = {}) => make(options.binary === true ? { kind: 'json', binary: true } : { kind: 'json' }),
  uuid: () => make({ kind: 'uuid' }),
  binary: (length?: number) => make(length === undefined ? { kind: 'binary' } : { kind: 'binary', length }),
  enum: (values: readonly string[], name?: string) => make({ kind: 'enum', values, ...(name === undefined ? {} : { name }) }),
  /** A type athanor has no name for, written as is. */
  raw: (sqlType: string) => make({ kind: 'raw', sql: sqlType }),
} as const

export { sqlExpression as sql }
