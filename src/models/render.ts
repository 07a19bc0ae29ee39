import { quote, renderData, renderDefault, typeCall, type RenderImports } from '../ops/render-value.js'
import { renderIndex } from './render-index.js'
import { renderViewBlocks } from './render-views.js'
import type { View } from '../schema/view.js'
import type { Column, ColumnType, Table } from '../schema/types.js'
import type { PostgresTableOptions } from '../schema/partitioning.js'
import { noSchemaObjects, type SchemaObjects } from '../schema/pg-objects.js'
import { renderObjects } from './render-objects.js'
import { noStoredCode, type StoredCode } from '../schema/stored-code.js'
import { renderStoredCodeBlocks } from './render-stored-code.js'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'await',
  'col',
  'table',
  'index',
  'unique',
  'foreignKey',
  'check',
  'trigger',
  'routine',
  'sql',
  'defineModels',
  'pgEnum',
  'pgDomain',
  'pgComposite',
  'pgRange',
  'partition',
  'extension',
  'sequence',
  'policy',
])

function variableName(table: Table, taken: Set<string>): string {
  const words = `${table.schema === undefined ? '' : `${table.schema}_`}${table.name}`.split(/[^A-Za-z0-9]+/).filter(Boolean)
  let name =
    words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') || 'table'
  // An identifier cannot start with a digit: `2fa_codes` is `table2faCodes`.
  if (/^\d/.test(name)) name = `table${name}`
  else if (RESERVED.has(name)) name = `${name}Table`
  let unique = name
  for (let n = 2; taken.has(unique); n++) unique = `${name}${n}`
  taken.add(unique)
  return unique
}

/**
 * A column's key in the `table()` object literal. `__proto__`, bare or
 * quoted, sets the object's prototype instead of adding a key, so the
 * column would vanish from the model; a computed key is an own property.
 */
function columnKey(name: string): string {
  if (name === '__proto__') return `[${quote(name)}]`
  return IDENTIFIER.test(name) ? name : quote(name)
}

/** A column of a declared enum type or domain, or an array of one, as that type's `.column()`. */
function namedTypeCall(type: ColumnType, declared: ReadonlyMap<string, string>): string | undefined {
  if (type.kind !== 'raw') return undefined
  const array = type.sql.endsWith('[]')
  const name = declared.get(array ? type.sql.replace(/(?:\[\])+$/, '') : type.sql)
  if (name === undefined) return undefined
  return array ? `${name}.column({ array: true })` : `${name}.column()`
}

function columnCall(column: Column, singlePk: boolean, imports: RenderImports, enumColumns: ReadonlyMap<string, string>): string {
  let text = namedTypeCall(column.type, enumColumns) ?? typeCall(column.type, 'col')
  if (singlePk && column.primaryKey === true) text += '.primaryKey()'
  else if (column.nullable === false) text += '.notNull()'
  const numbering = column.numbering
  if (numbering?.kind === 'serial') {
    const { kind: _kind, sequence, ...options } = numbering
    text += `.serial(${quote(sequence)}${Object.keys(options).length === 0 ? '' : `, ${renderData(options, imports)}`})`
  } else if (numbering !== undefined) {
    const { kind: _kind, ...options } = numbering
    text += `.identity(${Object.keys(options).length === 0 ? '' : renderData(options, imports)})`
  } else if (column.autoincrement === true) text += '.autoincrement()'
  if (column.generated !== undefined) {
    text += `.generated(${quote(column.generated.expression)}${column.generated.stored === true ? ', { stored: true }' : ''})`
  }
  const value = column.serverDefault
  // SQLite and MySQL store booleans as 1/0; the model reads better as true/false.
  const shown =
    column.type.kind === 'boolean' && value?.kind === 'literal' && (value.value === 0 || value.value === 1)
      ? { kind: 'literal' as const, value: value.value === 1 }
      : value
  if (shown?.kind === 'literal' && shown.value === null) text += '.default(null)'
  else if (shown !== undefined) text += `.default(${renderDefault(shown, imports)})`
  if (column.unique === true) text += '.unique()'
  if (column.comment !== undefined) text += `.comment(${quote(column.comment)})`
  if (column.collation !== undefined) text += `.collate(${quote(column.collation)})`
  if (column.srid !== undefined) text += `.srid(${column.srid.id})`
  if (column.invisible === true) text += '.invisible()'
  return text
}

const list = (items: readonly string[]) => `[${items.map(quote).join(', ')}]`

/** Whether a key of at most one column can be said on the column (`.primaryKey()`): not deferrable, carrying or keying a prefix. */
function singleColumnKey(table: Table): boolean {
  return table.primaryKey?.deferrable !== true && table.primaryKey?.include === undefined && table.primaryKey?.prefixLengths === undefined
}

function options(table: Table): string[] {
  const lines: string[] = []
  if (table.schema !== undefined) lines.push(`schema: ${quote(table.schema)},`)
  const pkColumns = table.primaryKey?.columns ?? []
  const pkName = table.primaryKey?.name
  if (pkColumns.length > 1 || pkName !== undefined || !singleColumnKey(table)) {
    const deferral = [
      ...(table.primaryKey?.deferrable === true ? ['deferrable: true'] : []),
      ...(table.primaryKey?.initiallyDeferred === true ? ['initiallyDeferred: true'] : []),
      ...(table.primaryKey?.include === undefined ? [] : [`include: ${list(table.primaryKey.include)}`]),
      ...(table.primaryKey?.prefixLengths === undefined
        ? []
        : [`prefixLengths: ${renderData(table.primaryKey.prefixLengths, { names: new Set() })}`]),
    ]
    const name = pkName === undefined ? '' : `name: ${quote(pkName)}, `
    lines.push(`primaryKey: { ${name}columns: ${list(pkColumns)}${deferral.map((flag) => `, ${flag}`).join('')} },`)
  }
  const indexes = (table.indexes ?? []).map(renderIndex)
  if (indexes.length > 0) lines.push(`indexes: [${indexes.join(', ')}],`)
  const uniques = (table.uniqueConstraints ?? []).map((u) => {
    const extra = [
      `name: ${u.name === undefined ? 'null' : quote(u.name)}`,
      ...(u.deferrable === true ? ['deferrable: true'] : []),
      ...(u.initiallyDeferred === true ? ['initiallyDeferred: true'] : []),
      ...(u.nullsNotDistinct === true ? ['nullsNotDistinct: true'] : []),
      ...(u.include === undefined ? [] : [`include: ${list(u.include)}`]),
    ]
    return `unique(${list(u.columns)}, { ${extra.join(', ')} })`
  })
  if (uniques.length > 0) lines.push(`uniques: [${uniques.join(', ')}],`)
  const fks = (table.foreignKeys ?? []).map((fk) => {
    const extra = [
      `name: ${fk.name === undefined ? 'null' : quote(fk.name)}`,
      ...(fk.referredSchema === undefined ? [] : [`referredSchema: ${quote(fk.referredSchema)}`]),
      ...(fk.onDelete === undefined ? [] : [`onDelete: ${quote(fk.onDelete)}`]),
      ...(fk.onUpdate === undefined ? [] : [`onUpdate: ${quote(fk.onUpdate)}`]),
      ...(fk.matchFull === true ? ['matchFull: true'] : []),
      ...(fk.deferrable === true ? ['deferrable: true'] : []),
      ...(fk.initiallyDeferred === true ? ['initiallyDeferred: true'] : []),
    ]
    const rest = extra.length === 0 ? '' : `, { ${extra.join(', ')} }`
    return `foreignKey(${list(fk.columns)}, ${quote(fk.referredTable)}, ${list(fk.referredColumns)}${rest})`
  })
  if (fks.length > 0) lines.push(`foreignKeys: [\n    ${fks.join(',\n    ')},\n  ],`)
  const checks = (table.checkConstraints ?? []).map((c) => {
    const noInherit = c.noInherit === true ? ', { noInherit: true }' : ''
    return `check(${c.name === undefined ? 'null' : quote(c.name)}, ${quote(c.expression)}${noInherit})`
  })
  if (checks.length > 0) lines.push(`checks: [${checks.join(', ')}],`)
  if (table.comment !== undefined) lines.push(`comment: ${quote(table.comment)},`)
  if (table.mysql !== undefined) lines.push(`mysql: ${renderData(table.mysql, { names: new Set() })},`)
  if (table.sqlite !== undefined) lines.push(`sqlite: ${renderData(table.sqlite, { names: new Set() })},`)
  if (table.postgresql !== undefined) lines.push(postgresOptions(table.postgresql))
  if (table.bind !== undefined) lines.push(`bind: ${quote(table.bind)},`)
  return lines
}

/**
 * A table's `postgresql` options, its policies each a `policy(…)` call on a
 * line of its own (the lines after the first indented as they will stand).
 */
function postgresOptions(options: PostgresTableOptions): string {
  const { policies, ...rest } = options
  if (policies === undefined || policies.length === 0) return `postgresql: ${renderData(options, { names: new Set() })},`
  const entries = Object.entries(rest).map(([key, value]) => `    ${key}: ${renderData(value, { names: new Set() })},`)
  const calls = policies.map(({ name, ...settings }) => {
    const rendered = Object.keys(settings).length === 0 ? '' : `, ${renderData(settings, { names: new Set() })}`
    return `      policy(${quote(name)}${rendered}),`
  })
  return ['postgresql: {', ...entries, '    policies: [', ...calls, '    ],', '  },'].join('\n')
}

/**
 * A models module declaring `tables`, as `pull` writes it: one exported
 * `table(...)` per table, then `export default defineModels(...)`. Foreign
 * keys are written at table level with their names, so the module
 * reproduces the database exactly.
 *
 * @example
 * import { writeFileSync } from 'node:fs'
 * const tags: Table = { name: 'tags', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }
 * writeFileSync('src/models.ts', renderModels([tags])) // `export const tags = table('tags', {…})` and `export default defineModels(tags)`
 */
export function renderModels(
  tables: readonly Table[],
  views: readonly View[] = [],
  objects: SchemaObjects = noSchemaObjects,
  code: StoredCode = noStoredCode,
): string {
  const imports: RenderImports = { names: new Set() }
  const taken = new Set<string>()
  const used = new Set<string>(['col', 'defineModels', 'table'])
  const declared = renderObjects(objects, (name) => variableName({ name, columns: [] }, taken), imports)
  const blocks: string[] = [...declared.blocks]
  const names: string[] = [...declared.names]
  for (const name of declared.used) used.add(name)
  for (const t of [...tables].sort((a, b) => `${a.schema ?? ''}.${a.name}`.localeCompare(`${b.schema ?? ''}.${b.name}`))) {
    const variable = variableName(t, taken)
    names.push(variable)
    // A named key is declared at table level, where its name can be said.
    const singlePk = (t.primaryKey?.columns.length ?? 0) <= 1 && t.primaryKey?.name === undefined && singleColumnKey(t)
    const columns = t.columns.map((c) => {
      const column = t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0] === c.name ? { ...c, primaryKey: true } : c
      return `  ${columnKey(c.name)}: ${columnCall(column, singlePk, imports, declared.enumColumns)},`
    })
    const opts = options(t)
    for (const [word, name] of [
      ['index(', 'index'],
      ['unique(', 'unique'],
      ['foreignKey(', 'foreignKey'],
      ['check(', 'check'],
      ['policy(', 'policy'],
    ] as const) {
      if (opts.some((line) => line.includes(word))) used.add(name)
    }
    const tail = opts.length === 0 ? '' : `, {\n${opts.map((line) => `  ${line}`).join('\n')}\n}`
    blocks.push(`export const ${variable} = table(${quote(t.name)}, {\n${columns.join('\n')}\n}${tail})`)
  }
  const viewBlocks = renderViewBlocks(views, (v) => {
    const variable = variableName({ name: v.name, ...(v.schema === undefined ? {} : { schema: v.schema }), columns: [] }, taken)
    names.push(variable)
    return variable
  })
  blocks.push(...viewBlocks)
  if (viewBlocks.length > 0) used.add('view').add('sql')
  if (views.some((v) => (v.indexes?.length ?? 0) > 0)) used.add('index')
  const codeBlocks = renderStoredCodeBlocks(code, (object) => {
    const variable = variableName(
      { name: object.name, ...(object.schema === undefined ? {} : { schema: object.schema }), columns: [] },
      taken,
    )
    names.push(variable)
    return variable
  })
  blocks.push(...codeBlocks)
  if (code.routines.length > 0) used.add('routine').add('sql')
  if (code.triggers.length > 0) used.add('trigger').add('sql')
  if (imports.names.has('sql')) used.add('sql')
  return [
    '/** The target schema of this project, first written by `athanor pull`. */',
    `import { ${[...used].sort().join(', ')} } from 'athanor'`,
    '',
    blocks.join('\n\n'),
    '',
    `export default defineModels(${names.join(', ')})`,
    '',
  ].join('\n')
}
