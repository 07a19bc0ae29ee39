import type { DialectName } from '../../src/dialect/types.js'
import type { Column, ColumnType, Table } from '../../src/schema/types.js'

/** The fixture every step starts from: two tables with a key, a foreign key, a check, an index and a unique each could change. */
export const FIXTURE: readonly Table[] = [
  {
    name: 'parents',
    columns: [
      { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true, nullable: false },
      { name: 'name', type: { kind: 'string', length: 20 }, nullable: false },
      { name: 'qty', type: { kind: 'integer' }, serverDefault: { kind: 'literal', value: 0 } },
      { name: 'price', type: { kind: 'numeric', precision: 8, scale: 2 } },
      { name: 'slug', type: { kind: 'string', length: 20 } },
      // Last, so that a downgrade adding it back puts it where it was.
      { name: 'legacy', type: { kind: 'string', length: 10 } },
    ],
    uniqueConstraints: [{ name: 'uq_parents_slug', columns: ['slug'] }],
    checkConstraints: [{ name: 'ck_parents_qty', expression: 'qty >= 0' }],
    indexes: [{ name: 'ix_parents_name', columns: ['name'] }],
  },
  {
    name: 'children',
    columns: [
      { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true, nullable: false },
      { name: 'parent_id', type: { kind: 'integer' } },
      { name: 'label', type: { kind: 'string', length: 30 }, nullable: false },
      { name: 'code', type: { kind: 'string', length: 10 } },
    ],
    foreignKeys: [
      { name: 'fk_children_parent', columns: ['parent_id'], referredTable: 'parents', referredColumns: ['id'], onDelete: 'CASCADE' },
    ],
  },
]

/** Rows every step keeps: values that fit each type the steps go through, either way. */
export const ROWS = [
  "INSERT INTO parents (name, qty, price, slug, legacy) VALUES ('ada', 3, 12.5, 'a', 'x'), ('bob', 0, 1, 'b', NULL)",
  "INSERT INTO children (parent_id, label, code) VALUES (1, 'first', 'c1'), (2, 'second', 'c2')",
]

export interface EvolutionStep {
  readonly name: string
  readonly apply: (tables: readonly Table[]) => Table[]
}

const onTable = (name: string, change: (table: Table) => Table) => (tables: readonly Table[]) =>
  tables.map((t) => (t.name === name ? change(t) : t))

const onColumn = (table: string, column: string, change: (column: Column) => Column) =>
  onTable(table, (t) => ({ ...t, columns: t.columns.map((c) => (c.name === column ? change(c) : c)) }))

const retype = (table: string, column: string, type: ColumnType) => onColumn(table, column, (c) => ({ ...c, type }))

/** A type change only one dialect has, on a column that holds rows. */
const DIALECT_TYPE: Readonly<Record<DialectName, EvolutionStep>> = {
  mysql: { name: 'qty made UNSIGNED', apply: retype('parents', 'qty', { kind: 'bigint', unsigned: true }) },
  postgresql: { name: 'label made TEXT', apply: retype('children', 'label', { kind: 'text' }) },
  sqlite: { name: 'label declared NVARCHAR(30)', apply: retype('children', 'label', { kind: 'raw', sql: 'NVARCHAR(30)' }) },
}

/**
 * The fixture changed one construct at a time. The removed column goes
 * before the added one, so that each downgrade restores the column order.
 */
export function evolutionSteps(dialect: DialectName): EvolutionStep[] {
  return [
    { name: 'name widened to VARCHAR(40)', apply: retype('parents', 'name', { kind: 'string', length: 40 }) },
    { name: 'qty made BIGINT', apply: retype('parents', 'qty', { kind: 'bigint' }) },
    { name: 'price made NUMERIC(10, 3)', apply: retype('parents', 'price', { kind: 'numeric', precision: 10, scale: 3 }) },
    DIALECT_TYPE[dialect],
    // PostgreSQL's identity options; MySQL's and SQLite's autoincrement have none.
    ...(dialect === 'postgresql'
      ? [
          {
            name: 'id identity made ALWAYS, from 100 by 5',
            apply: onColumn('parents', 'id', (c) => ({
              ...c,
              numbering: { kind: 'identity' as const, always: true, start: 100, increment: 5 },
            })),
          },
        ]
      : []),
    { name: 'legacy removed', apply: onTable('parents', (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== 'legacy') })) },
    {
      name: 'added column with a default',
      apply: onTable('parents', (t) => ({
        ...t,
        columns: [
          ...t.columns,
          { name: 'added', type: { kind: 'integer' }, nullable: false, serverDefault: { kind: 'literal', value: 7 } },
        ],
      })),
    },
    { name: 'label made nullable', apply: onColumn('children', 'label', ({ nullable: _, ...c }) => c) },
    { name: 'qty default changed', apply: onColumn('parents', 'qty', (c) => ({ ...c, serverDefault: { kind: 'literal', value: 1 } })) },
    {
      name: 'index added',
      apply: onTable('children', (t) => ({ ...t, indexes: [{ name: 'ix_children_code', columns: ['code'] }] })),
    },
    { name: 'index removed', apply: onTable('parents', ({ indexes: _, ...t }) => t) },
    {
      name: 'foreign key action changed to SET NULL',
      apply: onTable('children', (t) => ({ ...t, foreignKeys: t.foreignKeys?.map((fk) => ({ ...fk, onDelete: 'SET NULL' as const })) })),
    },
    {
      // Written in the form each database rewrites most (parentheses, casts, IN as = ANY on PostgreSQL).
      name: 'check expression changed under its name',
      apply: onTable('parents', (t) => ({
        ...t,
        checkConstraints: [{ name: 'ck_parents_qty', expression: "qty >= 0 AND qty < 1000000 AND name NOT IN ('x', 'y')" }],
      })),
    },
    {
      name: 'check renamed and changed',
      apply: onTable('parents', (t) => ({ ...t, checkConstraints: [{ name: 'ck_parents_qty_max', expression: 'qty < 1000000' }] })),
    },
    {
      name: 'unique added',
      apply: onTable('children', (t) => ({ ...t, uniqueConstraints: [{ name: 'uq_children_code', columns: ['code'] }] })),
    },
    { name: 'unique removed', apply: onTable('parents', ({ uniqueConstraints: _, ...t }) => t) },
  ]
}
