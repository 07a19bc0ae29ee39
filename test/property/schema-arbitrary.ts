import fc from 'fast-check'
import type { DialectName } from '../../src/dialect/types.js'
import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  ForeignKeyConstraint,
  Index,
  Numbering,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../../src/schema/types.js'

/** A column's type, with a default that fits it (or none) and whether an index or key may cover it. */
interface TypeChoice {
  readonly type: ColumnType
  readonly defaults: readonly DefaultValue[]
  readonly indexable: boolean
  /** An integer a CHECK can compare and a foreign key can point at. */
  readonly integer: boolean
}

const literal = (value: string | number | boolean | null): DefaultValue => ({ kind: 'literal', value })
const now: DefaultValue = { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }

const INTEGER_KINDS = ['smallint', 'integer', 'bigint'] as const
const MYSQL_INTEGER_KINDS = ['tinyint', 'smallint', 'mediumint', 'integer', 'bigint'] as const

function integerType(dialect: DialectName): fc.Arbitrary<ColumnType> {
  if (dialect !== 'mysql') return fc.constantFrom(...INTEGER_KINDS).map((kind) => ({ kind }))
  return fc
    .record({
      kind: fc.constantFrom(...MYSQL_INTEGER_KINDS),
      unsigned: fc.boolean(),
      zerofill: fc.option(fc.integer({ min: 3, max: 10 }), { nil: undefined }),
    })
    .map(({ kind, unsigned, zerofill }) => ({
      kind,
      ...(unsigned ? { unsigned: true } : {}),
      ...(zerofill === undefined ? {} : { zerofill: true, width: zerofill }),
    }))
}

const integerChoice = (dialect: DialectName): fc.Arbitrary<TypeChoice> =>
  integerType(dialect).map((type) => ({ type, defaults: [literal(0), literal(42)], indexable: true, integer: true }))

const plain = (type: ColumnType, defaults: readonly DefaultValue[] = [], indexable = false): TypeChoice => ({
  type,
  defaults,
  indexable,
  integer: false,
})

/** Values of an ENUM or SET: distinct, their case kept, short. */
const enumValues = fc.uniqueArray(fc.constantFrom('new', 'Done', 'OPEN', 'closed', 'x'), { minLength: 1, maxLength: 4 })

/** Types the dialect round-trips as declared, each with the defaults it takes. */
function typeChoice(dialect: DialectName): fc.Arbitrary<TypeChoice> {
  const common: fc.Arbitrary<TypeChoice>[] = [
    integerChoice(dialect),
    fc.integer({ min: 1, max: 190 }).map((length) => plain({ kind: 'string', length }, [literal('x'), literal('')], true)),
    fc.integer({ min: 1, max: 20 }).map((length) => plain({ kind: 'string', length, fixed: true }, [literal('a')], true)),
    fc
      .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }))
      .filter(([p, s]) => s <= p)
      .map(([precision, scale]) => plain({ kind: 'numeric', precision, scale }, [literal(0)], true)),
    fc.constant(plain({ kind: 'real' })),
    fc.constant(plain({ kind: 'double' })),
    fc.constant(plain({ kind: 'date' }, [], true)),
    fc.constant(plain({ kind: 'boolean' }, [literal(true), literal(false)])),
    fc
      .option(fc.integer({ min: 0, max: 6 }), { nil: undefined })
      .map((precision) => plain({ kind: 'time', ...(precision === undefined ? {} : { precision }) })),
    fc
      .option(fc.integer({ min: 0, max: 6 }), { nil: undefined })
      .map((precision) => plain({ kind: 'timestamp', ...(precision === undefined ? {} : { precision }) }, [now])),
    fc.constant(plain({ kind: 'json' })),
    enumValues.map((values) => plain({ kind: 'enum', values }, [literal(values[0]!)], dialect !== 'sqlite')),
  ]
  switch (dialect) {
    case 'mysql':
      return fc.oneof(
        ...common,
        fc.constantFrom(undefined, 'tiny', 'medium', 'long' as const).map((size) => plain({ kind: 'text', ...(size ? { size } : {}) })),
        enumValues.map((values) => plain({ kind: 'set', values }, [literal(values[0]!)])),
        fc
          .record({ precision: fc.integer({ min: 0, max: 6 }), onUpdateNow: fc.boolean(), timestamp: fc.boolean() })
          .map(({ precision, onUpdateNow, timestamp }) =>
            plain({
              kind: 'timestamp',
              precision,
              ...(onUpdateNow ? { onUpdateNow } : {}),
              ...(timestamp ? { mysql: { timestamp } } : {}),
            }),
          ),
        fc.integer({ min: 1, max: 64 }).map((length) => plain({ kind: 'binary', length }, [], true)),
        fc.constantFrom(undefined, 'tiny', 'medium', 'long' as const).map((size) => plain({ kind: 'binary', ...(size ? { size } : {}) })),
      )
    case 'postgresql':
      return fc.oneof(
        ...common,
        fc.constant(plain({ kind: 'text' }, [literal('')], true)),
        fc.constant(plain({ kind: 'string' }, [], true)),
        fc.constant(plain({ kind: 'numeric' }, [literal(1.5)], true)),
        fc.constant(plain({ kind: 'uuid' }, [], true)),
        fc.constant(plain({ kind: 'json', binary: true })),
        fc.constant(plain({ kind: 'binary' })),
        fc
          .option(fc.integer({ min: 0, max: 6 }), { nil: undefined })
          .map((precision) => plain({ kind: 'timestamp', withTimeZone: true, ...(precision === undefined ? {} : { precision }) }, [now])),
        fc
          .constantFrom('text[]', 'integer[]', 'inet', 'cidr', 'macaddr', 'interval', 'tsvector', 'xml', 'money')
          .map((sql) => plain({ kind: 'raw', sql }, [], ['inet', 'cidr', 'macaddr', 'interval'].includes(sql))),
      )
    case 'sqlite':
      return fc.oneof(
        ...common,
        fc.constant(plain({ kind: 'text' }, [literal('')], true)),
        fc.constantFrom('INT', 'NVARCHAR(120)', 'DATETIME', 'VARCHAR2(10)').map((sql) => plain({ kind: 'raw', sql }, [], true)),
      )
  }
}

/** A column as drawn, before the table decides its key and constraints. */
interface DrawnColumn {
  readonly choice: TypeChoice
  readonly notNull: boolean
  readonly withDefault: boolean
  readonly comment: boolean
}

const drawnColumn = (dialect: DialectName): fc.Arbitrary<DrawnColumn> =>
  fc.record({ choice: typeChoice(dialect), notNull: fc.boolean(), withDefault: fc.boolean(), comment: fc.boolean() })

const ACTIONS: Readonly<Record<DialectName, readonly ReferentialAction[]>> = {
  postgresql: ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'],
  // InnoDB parses SET DEFAULT but refuses the table.
  mysql: ['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION'],
  sqlite: ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'],
}

/** How a table's key is made: one numbered integer, one plain column, or two columns. */
type KeyShape = 'autoincrement' | 'single' | 'composite'

/** The choices of one table, drawn as numbers so shrinking moves toward the plainest table. */
interface DrawnTable {
  readonly key: KeyShape
  readonly numbering: 'identity' | 'always' | 'serial'
  readonly named: boolean
  readonly columns: readonly DrawnColumn[]
  readonly uniques: readonly (readonly number[])[]
  readonly indexes: readonly { readonly columns: readonly number[]; readonly unique: boolean; readonly partial: boolean }[]
  readonly checks: readonly number[]
  readonly reference: { readonly to: number; readonly onDelete: number; readonly onUpdate: number } | null
}

const columnPicks = fc.uniqueArray(fc.nat(20), { minLength: 1, maxLength: 2 })

const drawnTable = (dialect: DialectName): fc.Arbitrary<DrawnTable> =>
  fc.record({
    key: fc.constantFrom<KeyShape>('autoincrement', 'single', 'composite'),
    numbering: fc.constantFrom('identity' as const, 'always' as const, 'serial' as const),
    named: fc.boolean(),
    columns: fc.array(drawnColumn(dialect), { minLength: 1, maxLength: 5 }),
    uniques: fc.array(columnPicks, { maxLength: 2 }),
    indexes: fc.array(fc.record({ columns: columnPicks, unique: fc.boolean(), partial: fc.boolean() }), { maxLength: 2 }),
    checks: fc.uniqueArray(fc.nat(20), { maxLength: 2 }),
    reference: fc.option(fc.record({ to: fc.nat(10), onDelete: fc.nat(4), onUpdate: fc.nat(4) }), { nil: null }),
  })

/**
 * Random schemas in the construct space the models DSL has on `dialect`:
 * every type it round-trips with fitting defaults and nullability, keys
 * single, composite and numbered (identity, ALWAYS, SERIAL on PostgreSQL),
 * named and unnamed uniques, multi-column, unique and (PostgreSQL, SQLite)
 * partial indexes, foreign keys with actions to an earlier table, checks and
 * comments where the dialect keeps them.
 */
export function schemaArbitrary(dialect: DialectName): fc.Arbitrary<Table[]> {
  return fc.array(drawnTable(dialect), { minLength: 1, maxLength: 4 }).map((drawn) => {
    const tables: Table[] = []
    drawn.forEach((table, i) => {
      tables.push(buildTable(dialect, `t${i}`, table, tables))
    })
    return tables
  })
}

function buildTable(dialect: DialectName, name: string, drawn: DrawnTable, earlier: readonly Table[]): Table {
  const key = keyColumns(dialect, name, drawn)
  const keyNames = key.map((c) => c.name)
  const columns: Column[] = [...key]
  drawn.columns.forEach((c, i) => {
    const defaultValue = c.withDefault ? c.choice.defaults[0] : undefined
    columns.push({
      name: `c${i}`,
      type: c.choice.type,
      ...(c.notNull ? { nullable: false } : {}),
      ...(defaultValue === undefined ? {} : { serverDefault: defaultValue }),
      ...(c.comment && dialect !== 'sqlite' ? { comment: `column ${i}` } : {}),
    })
  })
  const indexable = drawn.columns.flatMap((c, i) => (c.choice.indexable ? [`c${i}`] : []))
  const pickColumns = (picks: readonly number[]): string[] =>
    indexable.length === 0 ? [] : [...new Set(picks.map((p) => indexable[p % indexable.length]!))]
  const constraintName = (kind: string, cols: readonly string[]) => `${kind}_${name}_${cols.join('_')}`

  const uniqueSets = new Set<string>()
  const uniqueConstraints: UniqueConstraint[] = []
  for (const picks of drawn.uniques) {
    const cols = pickColumns(picks)
    if (cols.length === 0 || uniqueSets.has(cols.join())) continue
    uniqueSets.add(cols.join())
    uniqueConstraints.push({ ...(drawn.named ? { name: constraintName('uq', cols) } : {}), columns: cols })
  }
  const indexes: Index[] = []
  for (const [n, drawnIndex] of drawn.indexes.entries()) {
    const cols = pickColumns(drawnIndex.columns)
    if (cols.length === 0) continue
    const where = drawnIndex.partial && dialect !== 'mysql' ? `${cols[0]} IS NOT NULL` : undefined
    // A unique index over the columns of a unique constraint is that constraint on MySQL: the two are one catalog object.
    if (drawnIndex.unique && where === undefined && uniqueSets.has(cols.join())) continue
    indexes.push({
      name: `ix_${name}_${n}`,
      columns: cols,
      ...(drawnIndex.unique ? { unique: true } : {}),
      ...(where === undefined ? {} : { where }),
    })
  }
  // MariaDB refuses a CHECK on an AUTO_INCREMENT column, and a key column is the only one certain to be an integer.
  const checkable = drawn.columns.flatMap((c, i) => (c.choice.integer ? [`c${i}`] : []))
  const checkConstraints: CheckConstraint[] = [
    ...new Set(drawn.checks.flatMap((p) => (checkable.length === 0 ? [] : [checkable[p % checkable.length]!]))),
  ].map((col) => ({ ...(drawn.named || dialect !== 'sqlite' ? { name: `ck_${name}_${col}` } : {}), expression: `${col} >= 0` }))

  const foreignKeys: ForeignKeyConstraint[] = []
  const target = drawn.reference === null || earlier.length === 0 ? undefined : earlier[drawn.reference.to % earlier.length]
  const targetKey = target?.columns.filter((c) => c.primaryKey === true || target.primaryKey?.columns.includes(c.name)) ?? []
  if (target !== undefined && drawn.reference !== null && targetKey.length > 0) {
    const actions = ACTIONS[dialect]
    const onDelete = actions[drawn.reference.onDelete % actions.length]!
    const onUpdate = actions[drawn.reference.onUpdate % actions.length]!
    const refColumns = targetKey.map((c) => `${target.name}_${c.name}`)
    // The referring columns have the referred key's type: MySQL refuses a key between INT and INT UNSIGNED.
    targetKey.forEach((c, k) => {
      columns.push({ name: refColumns[k]!, type: c.type })
    })
    // Known gap: MySQL names an unnamed key `<table>_ibfk_<n>` and its index after the first column; `pull` writes that
    // name, so the rebuilt index is named after the key instead. Keys are named there until pull leaves such names out.
    const namedKey = drawn.named || dialect === 'mysql'
    foreignKeys.push({
      ...(namedKey ? { name: constraintName('fk', refColumns) } : {}),
      columns: refColumns,
      referredTable: target.name,
      referredColumns: targetKey.map((c) => c.name),
      ...(onDelete === 'NO ACTION' ? {} : { onDelete }),
      ...(onUpdate === 'NO ACTION' ? {} : { onUpdate }),
    })
  }
  return {
    name,
    columns,
    ...(key.length > 1 || drawn.named ? { primaryKey: { ...(drawn.named ? { name: `pk_${name}` } : {}), columns: keyNames } } : {}),
    ...(uniqueConstraints.length > 0 ? { uniqueConstraints } : {}),
    ...(indexes.length > 0 ? { indexes } : {}),
    ...(checkConstraints.length > 0 ? { checkConstraints } : {}),
    ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
  }
}

function keyColumns(dialect: DialectName, table: string, drawn: DrawnTable): Column[] {
  switch (drawn.key) {
    case 'autoincrement': {
      const numbering: Numbering | undefined =
        dialect !== 'postgresql'
          ? undefined
          : drawn.numbering === 'serial'
            ? { kind: 'serial', sequence: `${table}_id_seq` }
            : { kind: 'identity', ...(drawn.numbering === 'always' ? { always: true } : {}) }
      return [
        {
          name: 'id',
          type: { kind: 'integer' },
          primaryKey: true,
          autoincrement: true,
          nullable: false,
          ...(numbering ? { numbering } : {}),
        },
      ]
    }
    case 'single':
      return [{ name: 'id', type: { kind: 'bigint' }, primaryKey: true, nullable: false }]
    case 'composite':
      return [
        { name: 'k1', type: { kind: 'integer' }, nullable: false },
        { name: 'k2', type: { kind: 'string', length: 20 }, nullable: false },
      ]
  }
}
