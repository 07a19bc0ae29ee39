// The 500-table schema the autogenerate benchmarks share: 5,000 columns with
// indexes, unique constraints and foreign keys, one of them a 500-deep chain.

export const TABLES = 500
export const COLUMNS = 10

/** The models module: table i refers to table i-1 (the chain) and to table 0. */
export function modelsSource() {
  const lines = ["import { col, defineModels, index, table, unique } from 'athanor'", '']
  for (let i = 0; i < TABLES; i++) {
    const columns = ['  id: col.integer().primaryKey().autoincrement(),']
    if (i > 0) columns.push(`  prev_id: col.integer().references('t${i - 1}', { onDelete: 'CASCADE' }),`)
    if (i > 1) columns.push("  root_id: col.integer().references('t0'),")
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
    lines.push(
      `export const t${i} = table('t${i}', {`,
      ...columns,
      `}, { indexes: [index(['${firstString}'])], uniques: [unique(['code', '${firstString}'])] })`,
      '',
    )
  }
  lines[0] = "import { col, defineModels, index, sql, table, unique } from 'athanor'"
  lines.push(`export default defineModels(${Array.from({ length: TABLES }, (_, i) => `t${i}`).join(', ')})`, '')
  return lines.join('\n')
}
