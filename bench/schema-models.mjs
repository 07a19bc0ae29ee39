// The 500-table schema the autogenerate benchmarks share: 5,000 columns with
// indexes, unique constraints and foreign keys, one of them a 500-deep chain;
// given a dialect, each table also holds three columns of that dialect's own
// types, and the schema the objects beyond tables that dialect has (see OBJECTS).

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

/** Every how many tables a view and a trigger over that table are drawn: 50 views and 20 triggers for 500 tables. */
const VIEW_EVERY = 10
const TRIGGER_EVERY = 25
const drawn = (every) => Array.from({ length: TABLES }, (_, i) => i).filter((i) => i >= 2 && i % every === 0).length
export const VIEWS = drawn(VIEW_EVERY)
export const TRIGGERS = drawn(TRIGGER_EVERY)

/**
 * The objects beyond tables, per dialect: a view over every tenth table, a
 * trigger on every 25th; on PostgreSQL also an enum type and a domain used
 * by a column of every table, the trigger's function, and a table
 * partitioned by range into four partitions. Tables from t2 on have the
 * columns the statements name (s4, n6).
 */
const OBJECTS = {
  mysql: {
    imports: ['view', 'trigger'],
    trigger: (i) => `CREATE TRIGGER t${i}_trim BEFORE UPDATE ON t${i} FOR EACH ROW SET NEW.s4 = TRIM(NEW.s4)`,
  },
  postgresql: {
    imports: ['view', 'trigger', 'routine', 'pgEnum', 'pgDomain', 'partition'],
    columns: ['  state: state.column().notNull().default(sql("\'new\'::state")),', '  share: percent.column(),'],
    before: [
      "export const state = pgEnum('state', ['new', 'open', 'closed'])",
      "export const percent = pgDomain('percent', 'numeric(5,2)', { check: sql`VALUE BETWEEN 0 AND 100` })",
      "export const trimmed = routine('trimmed', sql`CREATE FUNCTION trimmed() RETURNS trigger LANGUAGE plpgsql",
      '  AS $$ BEGIN NEW.s4 := btrim(NEW.s4); RETURN NEW; END $$`)',
      '',
    ],
    trigger: (i) => `CREATE TRIGGER t${i}_trim BEFORE UPDATE ON t${i} FOR EACH ROW EXECUTE FUNCTION trimmed()`,
    after: [
      "export const readings = table('readings', {",
      '  taken: col.date().notNull(),',
      '  sensor: col.integer().notNull(),',
      "  value: col.raw('numeric(8,2)'),",
      "}, { primaryKey: { columns: ['taken', 'sensor'] }, postgresql: { partitionBy: 'RANGE (taken)' } })",
      ...[2023, 2024, 2025].map(
        (year) =>
          `export const readings${year} = partition('readings_${year}', readings, ` +
          `sql\`FOR VALUES FROM ('${year}-01-01') TO ('${year + 1}-01-01')\`)`,
      ),
      "export const readingsRest = partition('readings_rest', readings, 'DEFAULT')",
      '',
    ],
    names: ['state', 'percent', 'trimmed', 'readings', 'readings2023', 'readings2024', 'readings2025', 'readingsRest'],
  },
  sqlite: {
    imports: ['view', 'trigger'],
    trigger: (i) => `CREATE TRIGGER t${i}_trim AFTER UPDATE OF s4 ON t${i} BEGIN UPDATE t${i} SET s4 = trim(s4) WHERE id = NEW.id; END`,
  },
}

const PLAIN = { key: 'col.integer().primaryKey().autoincrement()', ref: 'col.integer()', columns: [] }

/** The models module: table i refers to table i-1 (the chain) and to table 0; `dialect` adds its own types. */
export function modelsSource(dialect) {
  const shape = dialect === undefined ? PLAIN : WIDE[dialect]
  const objects = dialect === undefined ? undefined : OBJECTS[dialect]
  const imports = ['col', 'defineModels', 'index', 'sql', 'table', 'unique', ...(objects?.imports ?? [])]
  const lines = [`import { ${imports.join(', ')} } from 'athanor'`, '', ...(objects?.before ?? [])]
  const names = Array.from({ length: TABLES }, (_, i) => `t${i}`)
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
    columns.push(...shape.columns, ...(objects?.columns ?? []))
    lines.push(
      `export const t${i} = table('t${i}', {`,
      ...columns,
      `}, { indexes: [index(['${firstString}'])], uniques: [unique(['code', '${firstString}'])] })`,
      '',
    )
    if (objects === undefined || i < 2) continue
    if (i % VIEW_EVERY === 0) {
      lines.push(`export const v${i} = view('v${i}', sql\`SELECT id, code, s4 FROM t${i} WHERE n6 > 0\`)`)
      names.push(`v${i}`)
    }
    if (i % TRIGGER_EVERY === 0) {
      lines.push(`export const t${i}Trim = trigger('t${i}_trim', sql\`${objects.trigger(i)}\`)`)
      names.push(`t${i}Trim`)
    }
  }
  lines.push(...(objects?.after ?? []))
  names.push(...(objects?.names ?? []))
  lines.push(`export default defineModels(${names.join(', ')})`, '')
  return lines.join('\n')
}
