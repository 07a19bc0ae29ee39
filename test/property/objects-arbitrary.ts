import fc from 'fast-check'
import type { DialectName } from '../../src/dialect/types.js'
import type { Domain } from '../../src/schema/pg-domain.js'
import type { EnumType, SchemaObjects } from '../../src/schema/pg-objects.js'
import type { Partition } from '../../src/schema/partitioning.js'
import type { Routine, StoredCode, Trigger } from '../../src/schema/stored-code.js'
import type { Column, Table } from '../../src/schema/types.js'
import type { View } from '../../src/schema/view.js'
import { schemaArbitrary } from './schema-arbitrary.js'

/** A whole random schema: tables, and the objects beyond tables that the dialect has. */
export interface RandomSchema {
  readonly tables: readonly Table[]
  readonly views: readonly View[]
  readonly objects: SchemaObjects
  readonly code: StoredCode
}

interface DrawnDomain {
  readonly base: 'integer' | 'text'
  readonly check: boolean
  readonly notNull: boolean
  readonly withDefault: boolean
}

interface DrawnPartitioning {
  readonly strategy: 'RANGE' | 'LIST' | 'HASH'
  readonly parts: number
  readonly withDefault: boolean
}

/** The choices beyond tables, drawn as numbers and flags; each picks its table by position. */
interface DrawnObjects {
  readonly enums: readonly (readonly string[])[]
  readonly domains: readonly DrawnDomain[]
  readonly partitioned: DrawnPartitioning | null
  readonly views: readonly { readonly table: number; readonly filtered: boolean; readonly materialized: boolean }[]
  readonly triggers: readonly { readonly table: number; readonly before: boolean; readonly event: 'INSERT' | 'UPDATE' | 'DELETE' }[]
}

const enumValues = fc.uniqueArray(fc.constantFrom('new', 'Done', 'OPEN', 'closed', 'x'), { minLength: 1, maxLength: 4 })

const drawnObjects = (dialect: DialectName): fc.Arbitrary<DrawnObjects> => {
  const postgres = dialect === 'postgresql'
  return fc.record({
    enums: postgres ? fc.array(enumValues, { maxLength: 2 }) : fc.constant([]),
    domains: postgres
      ? fc.array(
          fc.record({
            base: fc.constantFrom('integer' as const, 'text' as const),
            check: fc.boolean(),
            notNull: fc.boolean(),
            withDefault: fc.boolean(),
          }),
          { maxLength: 2 },
        )
      : fc.constant([]),
    partitioned: postgres
      ? fc.option(
          fc.record({
            strategy: fc.constantFrom('RANGE' as const, 'LIST' as const, 'HASH' as const),
            parts: fc.integer({ min: 1, max: 3 }),
            withDefault: fc.boolean(),
          }),
          { nil: null },
        )
      : fc.constant(null),
    views: fc.array(fc.record({ table: fc.nat(10), filtered: fc.boolean(), materialized: postgres ? fc.boolean() : fc.constant(false) }), {
      maxLength: 2,
    }),
    triggers: fc.array(
      fc.record({
        table: fc.nat(10),
        before: fc.boolean(),
        event: fc.constantFrom('INSERT' as const, 'UPDATE' as const, 'DELETE' as const),
      }),
      { maxLength: 2 },
    ),
  })
}

/**
 * Random schemas over the whole construct space of `dialect`: the tables of
 * {@link schemaArbitrary}, and, each drawn or not, PostgreSQL enum types and
 * domains (with columns of them), a partitioned table (RANGE, LIST or HASH)
 * with its partitions, views (PostgreSQL's materialized ones too) over the
 * tables, and triggers on them (on PostgreSQL each with its function).
 */
export function randomSchemaArbitrary(dialect: DialectName): fc.Arbitrary<RandomSchema> {
  return fc.tuple(schemaArbitrary(dialect), drawnObjects(dialect)).map(([tables, drawn]) => buildSchema(dialect, tables, drawn))
}

function buildSchema(dialect: DialectName, drawnTables: readonly Table[], drawn: DrawnObjects): RandomSchema {
  const tables = drawnTables.map((t) => ({ ...t, columns: [...t.columns] }))
  const tableAt = (n: number) => tables[n % tables.length]!
  const enums: EnumType[] = drawn.enums.map((values, i) => ({ name: `e${i}`, values }))
  enums.forEach((e, i) => {
    tableAt(i).columns.push({ name: `ce${i}`, type: { kind: 'raw', sql: e.name } })
  })
  const domains: Domain[] = drawn.domains.map((d, i) => ({
    name: `d${i}`,
    type: d.base,
    ...(d.withDefault ? { default: { kind: 'literal', value: d.base === 'integer' ? 0 : '' } } : {}),
    ...(d.notNull ? { notNull: true } : {}),
    ...(d.check ? { checks: [{ expression: d.base === 'integer' ? 'VALUE >= 0' : 'length(VALUE) < 100' }] } : {}),
  }))
  domains.forEach((d, i) => {
    tableAt(i + 1).columns.push({ name: `cd${i}`, type: { kind: 'raw', sql: d.name } })
  })
  const partitions: Partition[] = []
  if (drawn.partitioned !== null) {
    const { strategy, parts, withDefault } = drawn.partitioned
    const partitionBy = `${strategy} (k)`
    const columns: Column[] = [
      { name: 'id', type: { kind: 'bigint' }, nullable: false },
      { name: 'k', type: { kind: 'integer' }, nullable: false },
    ]
    tables.push({ name: 'p0', columns, primaryKey: { columns: ['id', 'k'] }, postgresql: { partitionBy } })
    for (let i = 0; i < parts; i++) {
      const bounds =
        strategy === 'RANGE'
          ? `FOR VALUES FROM (${i * 100}) TO (${(i + 1) * 100})`
          : strategy === 'LIST'
            ? `FOR VALUES IN (${i * 2}, ${i * 2 + 1})`
            : `FOR VALUES WITH (MODULUS ${parts}, REMAINDER ${i})`
      partitions.push({ name: `p0_${i}`, parent: 'p0', bounds })
    }
    // A hash-partitioned table takes no DEFAULT partition.
    if (withDefault && strategy !== 'HASH') partitions.push({ name: 'p0_default', parent: 'p0', bounds: 'DEFAULT' })
  }
  const views: View[] = drawn.views.map((v, i) => {
    const table = tableAt(v.table)
    const key = table.columns[0]!.name
    return {
      name: `v${i}`,
      definition: `SELECT ${key} FROM ${table.name}${v.filtered ? ` WHERE ${key} IS NOT NULL` : ''}`,
      ...(v.materialized ? { materialized: true } : {}),
    }
  })
  const triggers: Trigger[] = []
  const routines: Routine[] = []
  drawn.triggers.forEach((t, i) => {
    const table = tableAt(t.table).name
    const head = `CREATE TRIGGER tr${i} ${t.before ? 'BEFORE' : 'AFTER'} ${t.event} ON ${table}`
    if (dialect === 'postgresql') {
      routines.push({
        name: `f${i}`,
        routineKind: 'function',
        definition: `CREATE FUNCTION f${i}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      })
      triggers.push({ name: `tr${i}`, table, definition: `${head} FOR EACH ROW EXECUTE FUNCTION f${i}()` })
    } else if (dialect === 'mysql') {
      triggers.push({ name: `tr${i}`, table, definition: `${head} FOR EACH ROW SET @athanor_fired = ${i}` })
    } else {
      triggers.push({ name: `tr${i}`, table, definition: `${head} BEGIN SELECT ${i}; END` })
    }
  })
  return {
    tables,
    views,
    objects: {
      enums,
      extensions: [],
      sequences: [],
      ...(domains.length > 0 ? { domains } : {}),
      ...(partitions.length > 0 ? { partitions } : {}),
    },
    code: { triggers, routines },
  }
}
