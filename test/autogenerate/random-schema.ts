import type { DialectName } from '../../src/dialect/types.js'
import type { Column, ColumnType, ForeignKeyConstraint, Index, Table } from '../../src/schema/types.js'

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

/** Types every dialect stores and reads back as themselves. */
function randomType(random: () => number): ColumnType {
  return pick<ColumnType>(random, [
    { kind: 'integer' },
    { kind: 'smallint' },
    { kind: 'bigint' },
    { kind: 'boolean' },
    { kind: 'string', length: 1 + Math.floor(random() * 190) },
    { kind: 'text' },
    { kind: 'numeric', precision: 12, scale: 2 },
    { kind: 'double' },
    { kind: 'date' },
    { kind: 'timestamp' },
    { kind: 'json' },
    { kind: 'uuid' },
    { kind: 'enum', values: ['new', 'done'] },
  ])
}

function randomDefault(random: () => number, type: ColumnType): Column['serverDefault'] {
  if (random() < 0.6) return undefined
  switch (type.kind) {
    case 'integer':
    case 'smallint':
    case 'bigint':
      return { kind: 'literal', value: Math.floor(random() * 100) }
    case 'boolean':
      return { kind: 'literal', value: random() < 0.5 }
    case 'string':
      return { kind: 'literal', value: 'x' }
    case 'numeric':
      return { kind: 'literal', value: 1.5 }
    case 'timestamp':
      return { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }
    case 'enum':
      return { kind: 'literal', value: 'new' }
    default:
      return undefined
  }
}

const INDEXABLE = new Set(['integer', 'smallint', 'bigint', 'string', 'date', 'uuid'])

/**
 * A random schema of `count` tables: an autoincrement key each, random
 * columns, defaults, uniques, indexes, named checks, comments (where the
 * dialect keeps them) and foreign keys, backwards and, now and then,
 * forwards, which makes cycles.
 */
export function randomSchema(seed: number, dialect: DialectName, count = 5): Table[] {
  const random = prng(seed)
  const names = Array.from({ length: count }, (_, i) => `t${seed % 1000}_${i}`)
  return names.map((name, i) => {
    const columns: Column[] = [{ name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true, nullable: false }]
    const indexes: Index[] = []
    const foreignKeys: ForeignKeyConstraint[] = []
    const n = 2 + Math.floor(random() * 5)
    for (let c = 0; c < n; c++) {
      const type = randomType(random)
      const serverDefault = randomDefault(random, type)
      const column: Column = {
        name: `c${c}`,
        type,
        ...(random() < 0.4 ? { nullable: false } : {}),
        ...(serverDefault ? { serverDefault } : {}),
        ...(INDEXABLE.has(type.kind) && random() < 0.2 ? { unique: true } : {}),
        ...(dialect !== 'sqlite' && random() < 0.2 ? { comment: `column ${c}` } : {}),
      }
      columns.push(column)
      if (INDEXABLE.has(type.kind) && column.unique !== true && random() < 0.3)
        indexes.push({ name: `ix_${name}_c${c}`, columns: [column.name] })
    }
    const referTo =
      i > 0 && random() < 0.7 ? names[Math.floor(random() * i)] : i < count - 1 && random() < 0.2 ? names[count - 1] : undefined
    if (referTo !== undefined) {
      columns.push({ name: 'ref_id', type: { kind: 'integer' } })
      foreignKeys.push({
        name: `fk_${name}_ref_id`,
        columns: ['ref_id'],
        referredTable: referTo,
        referredColumns: ['id'],
        ...(random() < 0.5 ? { onDelete: 'CASCADE' as const } : {}),
      })
    }
    // MariaDB refuses a CHECK on an AUTO_INCREMENT column, so the check gets a column of its own.
    const checked = random() < 0.3
    if (checked) columns.push({ name: 'qty', type: { kind: 'integer' } })
    return {
      name,
      columns,
      ...(foreignKeys.length > 0 ? { foreignKeys } : {}),
      ...(indexes.length > 0 ? { indexes } : {}),
      ...(checked ? { checkConstraints: [{ name: `ck_${name}_qty`, expression: 'qty >= 0' }] } : {}),
    }
  })
}
