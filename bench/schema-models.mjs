// The 500-table schema the autogenerate benchmarks share: 5,000 columns with
// indexes, unique constraints and foreign keys, one of them a 500-deep chain;
// given a dialect, each table also holds three columns of that dialect's own types.

export const TABLES = 500
export const COLUMNS = 10

/** Columns of each dialect's own types, three a table, and how to write its key and a reference to it. */
const WIDE = {
  mysql: {
    key: 'col.integer().unsigned().primaryKey().autoincrement()',
    ref: 'col.integer().unsigned()',
    columns: [
      "  touched: col.timestamp({ precision: 0, onUpdateNow: true }).notNull().default(sql('CURRENT_TIMESTAMP')),",
      "  flags: col.set(['Red', 'green', 'BLUE']),",
      "  twice: col.bigint().unsigned().generated('n6 * 2', { stored: true }),",
    ],
  },
  postgresql: {
    key: 'col.bigint().primaryKey().identity({ always: true, start: 1000 })',
    ref: 'col.bigint()',
    columns: [
      "  tags: col.raw('text[]').notNull().default('{}'),",
      "  sorted: col.text().collate('C'),",
      "  twice: col.bigint().generated('n6 * 2', { stored: true }),",
    ],
  },
  sqlite: {
    key: 'col.integer().primaryKey().autoincrement()',
    ref: 'col.integer()',
    columns: ["  label: col.raw('NVARCHAR(120)'),", "  born: col.raw('TIMESTAMP'),", "  plays: col.raw('INT').notNull().default(0),"],
  },
}

const PLAIN = { key: 'col.integer().primaryKey().autoincrement()', ref: 'col.integer()', columns: [] }

/** The models module: table i refers to table i-1 (the chain) and to table 0; `dialect` adds its own types. */
export function modelsSource(dialect) {
  const shape = dialect === undefined ? PLAIN : WIDE[dialect]
  const lines = ["import { col, defineModels, index, sql, table, unique } from 'athanor'", '']
  for (let i = 0; i < TABLES; i++) {
    const columns = [`  id: ${shape.key},`]
    if (i > 0) columns.push(`  prev_id: ${shape.ref}.references('t${i - 1}', { onDelete: 'CASCADE' }),`)
    if (i > 1) columns.push(`  root_id: ${shape.ref}.references('t0'),`)
    columns.push('  code: col.string(40).notNull().unique(),')
    for (let c = columns.length; c < COLUMNS; c++) {
      columns.push(
        c % 3 === 0
          ? `  n${c}: col.integer().notNull().default(0),`
          : c % 3 === 1
            ? `  s${c}: col.string(80),`
            : `  at${c}: col.timestamp().default(sql('CURRENT_TIMESTAMP')),`,
      )
    }
    const firstString = columns.map((l) => /^ {2}(s\d+):/.exec(l)?.[1]).find(Boolean)
    columns.push(...shape.columns)
    lines.push(
      `export const t${i} = table('t${i}', {`,
      ...columns,
      `}, { indexes: [index(['${firstString}'])], uniques: [unique(['code', '${firstString}'])] })`,
      '',
    )
  }
  lines.push(`export default defineModels(${Array.from({ length: TABLES }, (_, i) => `t${i}`).join(', ')})`, '')
  return lines.join('\n')
}
