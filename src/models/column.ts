import { sql as sqlExpression, t, toDefaultValue, type DefaultInput } from '../schema/column-types.js'
import type { Column, ColumnType, IntegerOptions, ReferentialAction } from '../schema/types.js'
import { AthanorError } from '../core/errors.js'

/** The integer kinds, which alone take UNSIGNED and ZEROFILL besides DECIMAL. */
const INTEGER_KINDS = new Set<ColumnType['kind']>(['tinyint', 'smallint', 'mediumint', 'integer', 'bigint'])

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

  /**
   * MySQL/MariaDB's UNSIGNED, on an integer or decimal column.
   *
   * @example
   * col.tinyint().unsigned().primaryKey().autoincrement()
   */
  unsigned(): ColumnBuilder {
    return this.#withType('UNSIGNED', { unsigned: true })
  }

  /**
   * MySQL/MariaDB's ZEROFILL (which implies UNSIGNED), padding to `width` digits.
   *
   * @example
   * col.integer().zerofill(5)
   */
  zerofill(width?: number): ColumnBuilder {
    return this.#withType('ZEROFILL', { unsigned: true, zerofill: true, ...(width === undefined ? {} : { width }) })
  }

  /**
   * The column's collation, when it is not its table's.
   *
   * @example
   * col.string(64).collate('utf8mb4_bin')
   */
  collate(collation: string): ColumnBuilder {
    return this.#with({ collation })
  }

  #withType(what: string, options: IntegerOptions): ColumnBuilder {
    const kind = this.type.kind
    if (!INTEGER_KINDS.has(kind) && !(kind === 'numeric' && options.zerofill !== true)) {
      throw new AthanorError('INVALID_MODEL', `${what} needs an integer${what === 'UNSIGNED' ? ' or numeric' : ''} column, not ${kind}`)
    }
    return new ColumnBuilder({ ...this.type, ...options } as ColumnType, this.settings)
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

/** A builder-returning version of one of `t`'s type functions, with its arguments. */
const builder =
  <A extends unknown[]>(type: (...args: A) => ColumnType) =>
  (...args: A) =>
    new ColumnBuilder(type(...args))

/**
 * Column types for models: `t`'s names and arguments, each returning a
 * builder to chain column settings on. Only these names exist, so a typo
 * such as `col.strng(80)` does not compile, and `satisfies` keeps the list
 * the same as `t`'s.
 *
 * @example
 * const columns = { id: col.bigint().primaryKey().autoincrement(), price: col.numeric(10, 2).notNull() }
 */
export const col = {
  tinyint: builder(t.tinyint),
  smallint: builder(t.smallint),
  mediumint: builder(t.mediumint),
  integer: builder(t.integer),
  bigint: builder(t.bigint),
  boolean: builder(t.boolean),
  string: builder(t.string),
  char: builder(t.char),
  text: builder(t.text),
  numeric: builder(t.numeric),
  real: builder(t.real),
  double: builder(t.double),
  date: builder(t.date),
  time: builder(t.time),
  timestamp: builder(t.timestamp),
  json: builder(t.json),
  uuid: builder(t.uuid),
  binary: builder(t.binary),
  enum: builder(t.enum),
  set: builder(t.set),
  raw: builder(t.raw),
} as const satisfies Record<keyof typeof t, unknown>

export { sqlExpression as sql }
