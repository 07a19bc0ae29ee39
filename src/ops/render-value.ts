import type { ColumnType, DefaultValue } from '../schema/types.js'

/**
 * The names a rendered script imports from athanor, collected while rendering.
 *
 * @example
 * const imports: RenderImports = { names: new Set() }
 * renderType({ kind: 'string', length: 80 }, imports) // imports.names is now { 't' }
 */
export interface RenderImports {
  readonly names: Set<'t' | 'sql'>
}

/**
 * A JavaScript string literal in single quotes, as people write them.
 *
 * @example
 * quote("it's") // "'it\\'s'"
 */
export function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`
}

const SIMPLE = new Set([
  'tinyint',
  'mediumint',
  'integer',
  'smallint',
  'bigint',
  'boolean',
  'string',
  'text',
  'numeric',
  'real',
  'double',
  'date',
  'time',
  'timestamp',
  'json',
  'uuid',
  'binary',
])

/**
 * A column type as a script writes it: the bare name when it has no
 * parameters (`'integer'`), else the `t` builder (`t.string(120)`).
 *
 * @example
 * const imports: RenderImports = { names: new Set() }
 * renderType({ kind: 'numeric', precision: 10, scale: 2 }, imports) // 't.numeric(10, 2)'
 */
export function renderType(type: ColumnType, imports: RenderImports): string {
  const keys = Object.keys(type).filter((k) => k !== 'kind' && (type as unknown as Record<string, unknown>)[k] !== undefined)
  if (keys.length === 0 && SIMPLE.has(type.kind)) return quote(type.kind)
  imports.names.add('t')
  return typeCall(type, 't')
}

/**
 * A column type as a call on `t` (scripts) or `col` (models), which share
 * their names and arguments.
 *
 * @example
 * typeCall({ kind: 'json', binary: true }, 'col') // 'col.json({ binary: true })'
 */
export function typeCall(type: ColumnType, dsl: 't' | 'col'): string {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint': {
      const { kind, ...options } = type
      if (dsl === 't') return `t.${kind}(${optionsArg(options)})`
      if (type.zerofill === true) return `col.${kind}().zerofill(${type.width ?? ''})`
      return `col.${kind}()${type.unsigned === true ? '.unsigned()' : ''}`
    }
    case 'string':
      return `${dsl}.${type.fixed === true ? 'char' : 'string'}(${type.length ?? ''})`
    case 'binary': {
      const { kind: _kind, ...options } = type
      const onlyLength = type.fixed !== true && type.size === undefined
      return `${dsl}.binary(${onlyLength ? (type.length ?? '') : optionsArg(options)})`
    }
    case 'numeric': {
      const args = [type.precision, type.scale].filter((v) => v !== undefined).join(', ')
      if (type.unsigned !== true) return `${dsl}.numeric(${args})`
      return dsl === 'col'
        ? `col.numeric(${args}).unsigned()`
        : `t.numeric(${type.precision ?? 'undefined'}, ${type.scale ?? 'undefined'}, { unsigned: true })`
    }
    case 'timestamp': {
      // In the order people read them: the type's own options, then the dialect's group.
      const { withTimeZone, precision, onUpdateNow, mysql } = type
      return `${dsl}.timestamp(${optionsArg({ withTimeZone, precision, onUpdateNow, mysql })})`
    }
    case 'text':
    case 'time':
    case 'json': {
      const { kind, ...options } = type
      return `${dsl}.${kind}(${optionsArg(options)})`
    }
    case 'enum':
      return `${dsl}.enum([${type.values.map(quote).join(', ')}]${type.name === undefined ? '' : `, ${quote(type.name)}`})`
    case 'set':
      return `${dsl}.set([${type.values.map(quote).join(', ')}])`
    case 'raw':
      return `${dsl}.raw(${quote(type.sql)})`
    default:
      return `${dsl}.${type.kind}()`
  }
}

/** A type's options as an object literal argument, or nothing when it has none. */
function optionsArg(options: object): string {
  const set = Object.entries(options).filter(([, v]) => v !== undefined && v !== false)
  return set.length === 0 ? '' : renderData(Object.fromEntries(set), { names: new Set() })
}

/**
 * A server default as the facade takes it (`DefaultInput`): a literal as the
 * plain value, an expression as `sql(...)`. A literal NULL keeps its full
 * form: a bare `null` is no `DefaultInput`, and to `alterColumn` it means
 * "drop the default", the opposite of setting one.
 *
 * @example
 * const imports: RenderImports = { names: new Set() }
 * renderDefault({ kind: 'expression', sql: 'now()' }, imports) // "sql('now()')"
 * renderDefault({ kind: 'literal', value: true }, imports) // 'true'
 * renderDefault({ kind: 'literal', value: null }, imports) // "{ kind: 'literal', value: null }"
 */
export function renderDefault(value: DefaultValue, imports: RenderImports): string {
  if (value.kind === 'expression') {
    imports.names.add('sql')
    return `sql(${quote(value.sql)})`
  }
  return value.value === null ? "{ kind: 'literal', value: null }" : renderData(value.value, imports)
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * Plain data (schema objects, rows) as a one-line JavaScript literal, keys in
 * their order, absent values left out. `type` and `serverDefault` keys get
 * the short forms the facade takes.
 *
 * @example
 * const imports: RenderImports = { names: new Set() }
 * renderData({ name: 'id', type: { kind: 'integer' }, primaryKey: true }, imports)
 * // "{ name: 'id', type: 'integer', primaryKey: true }"
 */
export function renderData(value: unknown, imports: RenderImports): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Date) return `new Date(${quote(value.toISOString())})`
  if (value instanceof Uint8Array) return `new Uint8Array([${[...value].join(', ')}])`
  if (Array.isArray(value)) return `[${value.map((v) => renderData(v, imports)).join(', ')}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  const parts = entries.map(([k, v]) => {
    const key = IDENTIFIER.test(k) ? k : quote(k)
    if (k === 'type' && isColumnType(v)) return `${key}: ${renderType(v, imports)}`
    if (k === 'serverDefault' && isDefault(v)) return `${key}: ${renderDefault(v, imports)}`
    return `${key}: ${renderData(v, imports)}`
  })
  return `{ ${parts.join(', ')} }`
}

function isColumnType(v: unknown): v is ColumnType {
  const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined
  return typeof kind === 'string' && kind !== 'literal' && kind !== 'expression'
}

function isDefault(v: unknown): v is DefaultValue {
  return (
    typeof v === 'object' && v !== null && ((v as { kind?: unknown }).kind === 'literal' || (v as { kind?: unknown }).kind === 'expression')
  )
}
