import type { DialectName } from '../core/dialect-name.js'
import { defaultKey } from '../schema/default-key.js'
import type { Column, ColumnType, DefaultValue, ForeignKeyConstraint, ReferentialAction, Table } from '../schema/types.js'
import type { DialectCompiler } from './types.js'
import type { IndexTraits } from './compile-types.js'

/**
 * What one dialect counts as equal. The differ is generic; these few hooks
 * are where the dialects differ (Atlas's DiffDriver idea). Each dialect
 * holds its own, as `dialect.diffHooks`.
 *
 * @example
 * import { diffHooksFor } from './registry.js'
 * const hooks = diffHooksFor('sqlite')
 * hooks.nameKey('User') === hooks.nameKey('user') // true
 */
export interface DiffHooks {
  readonly dialect: DialectName
  /** The schema that tables without one live in (`public` on PostgreSQL). */
  readonly defaultSchema: string
  /** How an identifier is compared: SQLite folds case. */
  nameKey(name: string): string
  /** A column name as the database tells columns apart: without case where it ignores it (SQLite, MySQL). */
  columnNameKey(name: string): string
  /** The USING a change of `column` from `from` to `to` needs, where the database casts only when told to. */
  castUsing(column: string, from: ColumnType, to: ColumnType): string | undefined
  /** Two column types are equal when their keys are. */
  typeKey(column: Column): string
  /**
   * The models' column (`wanted`) as the database would hold it, given the
   * column of `table` it holds now (`was`), before the two are compared
   * (PostgreSQL: `col.raw('bigserial')` is a bigint numbered from the
   * sequence the column draws from). Throws where no change of the column
   * can reach the models' one.
   */
  columnAsHeld(wanted: Column, was: Column, table: Table): Column
  /** Two server defaults are equal when their keys are. */
  defaultKey(column: Column): string | undefined
  /** A referential action as the database reports its absence (NO ACTION; MySQL: RESTRICT too). */
  actionKey(action: ReferentialAction | undefined): string
  /** Two CHECK expressions of the same name are equal when their keys are (see `checkExpressionKey`). */
  checkKey(expression: string): string
  /** Column comments are stored and compared. */
  readonly comments: boolean
  /**
   * What the dialect keeps of an index beyond its columns (prefix lengths,
   * access method, key options, kinds): what it keeps is what is compared.
   */
  readonly indexTraits: IndexTraits
  /**
   * An index key's operator class as the server keeps it: lower-cased, and
   * empty for none or for a default one of the access method (PostgreSQL's
   * catalog, read back by pg_get_indexdef, leaves a default out).
   */
  operatorClassKey(method: string, opclass: string | undefined): string
  /**
   * Index keys keep DESC. MySQL before 8 and MariaDB before 10.8 parse it
   * and build the key ascending, so there a descending key equals an ascending one.
   */
  readonly descendingIndexKeys: boolean
  /**
   * A CHECK named after its column (written in the column's definition)
   * goes with the column's MODIFY or CHANGE (MariaDB): a change of the
   * column drops it first and adds it again after.
   */
  readonly columnChecksGoWithColumn: boolean
  /**
   * The type of a column cannot change while a generated column, a policy
   * or a trigger reads it (PostgreSQL: "cannot alter type of a column used
   * by a generated column", "… in a policy definition", "… in a trigger
   * definition"): they are dropped before and made again after; a
   * generated column loses nothing, its values being computed.
   */
  readonly readersHoldColumnTypes: boolean
  /**
   * A column's numbering has kinds that an alter turns into one another
   * (PostgreSQL: none, an identity, a SERIAL sequence default); elsewhere
   * autoincrement belongs to the column's type and key.
   */
  readonly numberingKinds: boolean
  /**
   * Autoincrement is part of a column's definition, which an alter restates
   * with it or without it (MySQL's AUTO_INCREMENT in MODIFY), so adding or
   * dropping it is a column change.
   */
  readonly autoincrementInDefinition: boolean
  /**
   * An added column can be put in its place among the others (MySQL's
   * `FIRST` and `AFTER`), so a table changed by migrations keeps its
   * columns in the models' order, and a downgrade puts a dropped one back
   * where it stood.
   */
  readonly placesColumns: boolean
  /**
   * A double-quoted text in an expression is a string, not a name (MySQL
   * and MariaDB without ANSI_QUOTES).
   */
  readonly doubleQuotedStrings: boolean
  /**
   * Every trigger is checked again when a table is renamed or rebuilt
   * (SQLite: a trigger reading a view that is gone fails the ALTER TABLE),
   * so a trigger that reads a view dropped around a change goes and comes
   * back with it.
   */
  readonly triggersCheckedOnRename: boolean
  /**
   * Foreign keys are always written inside CREATE TABLE, never added later:
   * SQLite cannot add one to an existing table without a rebuild, and does
   * not check that the referred table exists when a table is created.
   */
  readonly inlineForeignKeys: boolean
  /**
   * Changes to an existing table are grouped in one `batch_alter_table`, so
   * SQLite rebuilds the table once when its ALTER TABLE cannot make them
   * (Alembic's `render_as_batch`).
   */
  readonly batchTableChanges: boolean
  /** Tables may be STRICT or WITHOUT ROWID (SQLite's `sqlite` table options), fixed when the table is made. */
  readonly sqliteTableOptions: boolean
  /** Tables may be UNLOGGED and have storage parameters (PostgreSQL's `postgresql` table options). */
  readonly postgresTableOptions: boolean
  /**
   * A column's type cannot change while a foreign key holds it, on either
   * end (MySQL/MariaDB: "Cannot change column … used in a foreign key
   * constraint"): such keys are dropped before the change and added after.
   */
  readonly foreignKeysHoldTypes: boolean
  /**
   * A foreign key needs an index that starts with its columns, at each end,
   * and the index it uses cannot be dropped (MySQL/MariaDB: "Cannot drop
   * index …: needed in a foreign key constraint"): a key whose last index
   * goes is dropped before the change and added after.
   */
  readonly foreignKeysNeedIndexes: boolean
  /**
   * A foreign key depends on the unique constraint its referred columns
   * match, which cannot be dropped under it (PostgreSQL: "cannot drop
   * constraint … because other objects depend on it"): a key to a unique
   * constraint that is dropped, or dropped and made again (its deferral
   * changed), is dropped before and added after.
   */
  readonly foreignKeysNeedReferredKeys: boolean
  /**
   * Why the database certainly refuses a foreign key of `table` to
   * `referred` although both hold its columns (InnoDB's errno 150: an INT
   * column referring to a BIGINT one, SET NULL on a NOT NULL column), or
   * undefined; `migrate` and `check` refuse such a key rather than `upgrade`.
   */
  foreignKeyFault(fk: ForeignKeyConstraint, table: Table, referred: Table): string | undefined
  /**
   * Why the database cannot keep a table or column comment as written
   * (MySQL/MariaDB store a 4-byte character as `?`), or undefined;
   * `migrate` and `check` refuse such a comment, which `check` would find
   * changed forever.
   */
  commentFault(comment: string): string | undefined
  /**
   * The digits a column's type change takes from the values it holds, which
   * the database rounds or cuts to fit without an error (`3 decimal places
   * to 2`, `6 fractional-second digits to 0`), or undefined; `migrate`
   * warns of it and lint reports it.
   */
  roundedDigits(from: ColumnType, to: ColumnType): string | undefined
  /** Tables have an engine, character set and collation of their own (MySQL/MariaDB's `mysql` table options). */
  readonly tableEngines: boolean
  /**
   * Existing tables have lock-free forms of index builds, constraints and
   * NOT NULL (PostgreSQL: CONCURRENTLY, NOT VALID then VALIDATE, a validated
   * check), which autogenerate writes unless the config's `safeOperations`
   * is false (see `onlineForms`).
   */
  readonly onlineForms: boolean
  /**
   * A constraint created without a name stays unnamed (SQLite). Elsewhere the
   * database names it itself, so every constraint read back has a name: there
   * unnamed ones are only matched, never dropped, and added under the naming
   * convention's name. Where they stay unnamed they are compared by what they
   * hold (key columns, references, a check's expression), and dropped and
   * added unnamed.
   */
  readonly keepsUnnamedConstraints: boolean
  /**
   * What the database renames in place: indexes (PostgreSQL, MySQL), and the
   * kinds of constraint listed. An index or constraint the models only name
   * anew is renamed there; elsewhere an index is dropped and made again, a
   * constraint of the kinds `remade` lists too, and another's name is not compared.
   */
  readonly renames: RenamesInPlace
}

/**
 * The indexes and constraints a database renames in place.
 *
 * @example
 * const postgresql: RenamesInPlace = { indexes: true, constraints: ['unique', 'foreignkey', 'check'] }
 */
export interface RenamesInPlace {
  readonly indexes: boolean
  readonly constraints: readonly ('unique' | 'foreignkey' | 'check')[]
  /**
   * The kinds matched by content that the database cannot rename but keeps
   * the names of: one named anew is dropped and made again under its new
   * name (SQLite, whose table rebuild does both at once).
   */
  readonly remade?: readonly ('unique' | 'foreignkey')[]
}

/**
 * What a dialect says about equality where it departs from the SQL
 * standard's defaults (no default schema, case kept, comments stored,
 * foreign keys added by ALTER TABLE, NO ACTION alone meaning "none"); the
 * rest of {@link DiffHooks} follows from its compiler.
 */
export interface DiffHookSpec {
  readonly defaultSchema?: string
  readonly foldCase?: boolean
  /**
   * The USING of a type change the database makes only with an explicit
   * cast (PostgreSQL's text to integer), given the target type as rendered.
   */
  readonly castUsing?: (column: string, from: ColumnType, to: ColumnType, rendered: string) => string | undefined
  /** Column names alone ignore case (MySQL/MariaDB, where table names may not). */
  readonly foldColumnNames?: boolean
  readonly comments?: boolean
  readonly inlineForeignKeys?: boolean
  readonly batchTableChanges?: boolean
  readonly sqliteTableOptions?: boolean
  readonly postgresTableOptions?: boolean
  readonly foreignKeysHoldTypes?: boolean
  readonly foreignKeysNeedIndexes?: boolean
  readonly foreignKeysNeedReferredKeys?: boolean
  readonly tableEngines?: boolean
  readonly onlineForms?: boolean
  readonly keepsUnnamedConstraints?: boolean
  readonly renames?: RenamesInPlace
  /** The operator classes each access method takes when a key names none (PostgreSQL's `opcdefault`). */
  readonly defaultOperatorClasses?: Readonly<Record<string, readonly string[]>>
  /** Index keys keep DESC (true unless the server is known to ignore it). */
  readonly descendingIndexKeys?: boolean
  /** See {@link DiffHooks.columnChecksGoWithColumn} (false unless said). */
  readonly columnChecksGoWithColumn?: boolean
  /** See {@link DiffHooks.readersHoldColumnTypes} (false unless said). */
  readonly readersHoldColumnTypes?: boolean
  /** See {@link DiffHooks.numberingKinds} (false unless said). */
  readonly numberingKinds?: boolean
  /** See {@link DiffHooks.autoincrementInDefinition} (false unless said). */
  readonly autoincrementInDefinition?: boolean
  /** See {@link DiffHooks.placesColumns} (false unless said). */
  readonly placesColumns?: boolean
  /** See {@link DiffHooks.doubleQuotedStrings} (false unless said). */
  readonly doubleQuotedStrings?: boolean
  /** See {@link DiffHooks.triggersCheckedOnRename} (false unless said). */
  readonly triggersCheckedOnRename?: boolean
  /**
   * Whether `CURRENT_TIMESTAMP(0)` and `now()` are different defaults
   * (PostgreSQL). Not on MySQL, which writes a model's `now()` with the
   * column's own precision (`CURRENT_TIMESTAMP(3)` on a DATETIME(3)).
   */
  readonly timePrecisionInDefaults?: boolean
  /** Referential actions the database reports for "none given". */
  readonly noActionSynonyms?: readonly string[]
  /** A type key that differs from the rendered type (SQLite's autoincrement key). */
  typeKey?(column: Column, rendered: string): string
  /** See {@link DiffHooks.columnAsHeld} (the models' column as it is unless said). */
  columnAsHeld?(wanted: Column, was: Column, table: Table): Column
  /**
   * A default in the spelling the database stores for it (MySQL's
   * `CURRENT_DATE` as `curdate()`), applied to both sides before they are
   * keyed; it must map a stored spelling to itself.
   */
  storedDefault?(value: DefaultValue): DefaultValue
  /** How a CHECK expression is compared; absent, by its text with white space collapsed. */
  checkKey?(expression: string): string
  /** See {@link DiffHooks.foreignKeyFault} (none unless said). */
  foreignKeyFault?(fk: ForeignKeyConstraint, table: Table, referred: Table): string | undefined
  /** See {@link DiffHooks.commentFault} (none unless said). */
  commentFault?(comment: string): string | undefined
  /** See {@link DiffHooks.roundedDigits} (none unless said: SQLite keeps a value whatever the declared type). */
  roundedDigits?(from: ColumnType, to: ColumnType): string | undefined
  /**
   * A type with the digits the database gives it anyway left unsaid (see
   * plainDigits), so that typeKey finds NUMERIC(10) and NUMERIC(10,0) one
   * type; the type itself when none is.
   */
  plainDigits?(type: ColumnType): ColumnType
}

/**
 * An enum's values and name beside its rendered type: where an enum is a
 * VARCHAR and a CHECK (PostgreSQL, SQLite), the type alone misses a value
 * changed for another of the same length.
 */
const enumKey = (type: ColumnType, rendered: string): string =>
  type.kind === 'enum' ? `${rendered} ${JSON.stringify([type.name ?? null, ...type.values])}` : rendered

// Column types whose defaults compare by their characters, not as numbers.
const TEXTUAL: ReadonlySet<string> = new Set(['string', 'text', 'enum', 'set'])

/**
 * A dialect's hooks. Types compare by the SQL the dialect would write for
 * them, which is what the database keeps: so `uuid` and `string(36)` differ
 * on PostgreSQL, while `timestamp` with and without time zone are the same
 * DATETIME on MySQL.
 *
 * @example
 * import { dialects } from './registry.js'
 * const hooks = createDiffHooks(dialects.postgresql.compiler, { defaultSchema: 'public' })
 * hooks.typeKey({ name: 'id', type: { kind: 'uuid' } }) // 'UUID'
 */
export function createDiffHooks(compiler: DialectCompiler, spec: DiffHookSpec = {}): DiffHooks {
  const noAction = new Set(spec.noActionSynonyms ?? ['NO ACTION'])
  const defaults = new Map(Object.entries(spec.defaultOperatorClasses ?? {}).map(([method, names]) => [method, new Set(names)]))
  // Types are plain data: equal as JSON, they render alike. A schema has a few dozen over thousands of columns.
  const rendered = new Map<string, string>()
  // And one type object is often shared by many columns (introspectors read each declared type once).
  const byObject = new WeakMap<ColumnType, string>()
  const renderedOnce = (type: ColumnType): string => {
    let text = byObject.get(type)
    if (text !== undefined) return text
    const json = JSON.stringify(type)
    text = rendered.get(json)
    if (text === undefined) {
      if (rendered.size >= MAX_RENDERED_TYPES) rendered.clear()
      text = renderedType(compiler, type)
      rendered.set(json, text)
    }
    byObject.set(type, text)
    return text
  }
  return {
    dialect: compiler.dialect,
    defaultSchema: spec.defaultSchema ?? '',
    nameKey: spec.foldCase === true ? (name) => name.toLowerCase() : (name) => name,
    castUsing: (column, from, to) => spec.castUsing?.(column, from, to, renderedOnce(to)),
    columnNameKey: spec.foldCase === true || spec.foldColumnNames === true ? (name) => name.toLowerCase() : (name) => name,
    typeKey: (column) => {
      const text = enumKey(column.type, renderedOnce(spec.plainDigits?.(column.type) ?? column.type))
      return spec.typeKey === undefined ? text : spec.typeKey(column, text)
    },
    columnAsHeld: (wanted, was, table) => spec.columnAsHeld?.(wanted, was, table) ?? wanted,
    defaultKey: (column) =>
      column.autoincrement === true
        ? undefined
        : defaultKey(
            column.serverDefault === undefined || spec.storedDefault === undefined
              ? column.serverDefault
              : spec.storedDefault(column.serverDefault),
            TEXTUAL.has(column.type.kind),
            spec.timePrecisionInDefaults === true,
          ),
    actionKey: (action) => (action === undefined || noAction.has(action) ? 'NO ACTION' : action),
    checkKey: spec.checkKey ?? ((expression) => expression.replace(/\s+/g, ' ').trim()),
    comments: spec.comments ?? true,
    indexTraits: compiler.traits,
    operatorClassKey: (method, opclass) => {
      const name = (opclass ?? '').toLowerCase()
      return defaults.get(method.toLowerCase())?.has(name) === true ? '' : name
    },
    descendingIndexKeys: spec.descendingIndexKeys ?? true,
    columnChecksGoWithColumn: spec.columnChecksGoWithColumn ?? false,
    readersHoldColumnTypes: spec.readersHoldColumnTypes ?? false,
    numberingKinds: spec.numberingKinds ?? false,
    autoincrementInDefinition: spec.autoincrementInDefinition ?? false,
    placesColumns: spec.placesColumns ?? false,
    doubleQuotedStrings: spec.doubleQuotedStrings ?? false,
    triggersCheckedOnRename: spec.triggersCheckedOnRename ?? false,
    inlineForeignKeys: spec.inlineForeignKeys ?? false,
    batchTableChanges: spec.batchTableChanges ?? false,
    sqliteTableOptions: spec.sqliteTableOptions ?? false,
    postgresTableOptions: spec.postgresTableOptions ?? false,
    foreignKeysHoldTypes: spec.foreignKeysHoldTypes ?? false,
    foreignKeysNeedIndexes: spec.foreignKeysNeedIndexes ?? false,
    foreignKeysNeedReferredKeys: spec.foreignKeysNeedReferredKeys ?? false,
    foreignKeyFault: (fk, table, referred) => spec.foreignKeyFault?.(fk, table, referred),
    commentFault: (comment) => spec.commentFault?.(comment),
    roundedDigits: (from, to) => spec.roundedDigits?.(from, to),
    tableEngines: spec.tableEngines ?? false,
    onlineForms: spec.onlineForms ?? false,
    keepsUnnamedConstraints: spec.keepsUnnamedConstraints ?? false,
    renames: spec.renames ?? { indexes: false, constraints: [] },
  }
}

/** How many rendered types a dialect's hooks keep; past it they start over, so a long-lived process keeps few. */
const MAX_RENDERED_TYPES = 1000

/**
 * A type's SQL as its key: upper case, white space collapsed, none around
 * parentheses and commas.
 *
 * @example
 * typeTextKey('numeric( 10, 2 )') // 'NUMERIC(10,2)'
 */
export function typeTextKey(sql: string): string {
  return sql
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
}

function renderedType(compiler: DialectCompiler, type: ColumnType): string {
  try {
    return typeTextKey(compiler.renderType(type))
  } catch {
    // A type the dialect refuses (a MySQL VARCHAR without length) still needs a key.
    return JSON.stringify(type)
  }
}
