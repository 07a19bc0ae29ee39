import { quote, renderData, type RenderImports } from '../ops/render-value.js'
import { pgTypeName, type SchemaObjects } from '../schema/pg-objects.js'
import { domainOptions } from './render-domain.js'
import type { CompositeType } from '../schema/pg-composite.js'
import { templateOf } from './render-views.js'

/**
 * The declarations `pull` writes for PostgreSQL's extensions, enum types,
 * domains, range and composite types, sequences and partitions, each a `const` to pass to `defineModels`, and the column
 * types that name an enum or a domain mapped to the variable whose `.column()` writes them.
 *
 * @example
 * const { blocks, names } = renderObjects({ enums: [{ name: 'mood', values: ['sad'] }], extensions: [], sequences: [] }, (n) => n, {
 *   names: new Set(),
 * })
 * // blocks: ["export const mood = pgEnum('mood', ['sad'])"], names: ['mood']
 */
export function renderObjects(
  objects: SchemaObjects,
  variable: (name: string) => string,
  imports: RenderImports,
): { blocks: string[]; names: string[]; used: string[]; enumColumns: Map<string, string> } {
  const blocks: string[] = []
  const names: string[] = []
  const used = new Set<string>()
  const enumColumns = new Map<string, string>()
  const schemaArg = (schema: string | undefined) => (schema === undefined ? '' : `, ${renderData({ schema }, imports)}`)
  for (const e of objects.extensions) {
    const name = variable(`${e.name}_extension`)
    names.push(name)
    used.add('extension')
    blocks.push(`export const ${name} = extension(${quote(e.name)}${schemaArg(e.schema)})`)
  }
  for (const e of objects.enums) {
    const name = variable(e.schema === undefined ? e.name : `${e.schema}_${e.name}`)
    names.push(name)
    used.add('pgEnum')
    enumColumns.set(pgTypeName(e.name, e.schema), name)
    blocks.push(`export const ${name} = pgEnum(${quote(e.name)}, ${renderData(e.values, imports)}${schemaArg(e.schema)})`)
  }
  for (const d of objects.domains ?? []) {
    const name = variable(d.schema === undefined ? d.name : `${d.schema}_${d.name}`)
    names.push(name)
    used.add('pgDomain')
    enumColumns.set(pgTypeName(d.name, d.schema), name)
    blocks.push(`export const ${name} = pgDomain(${quote(d.name)}, ${quote(d.type)}${domainOptions(d, imports)})`)
  }
  for (const r of objects.ranges ?? []) {
    const name = variable(r.schema === undefined ? r.name : `${r.schema}_${r.name}`)
    names.push(name)
    used.add('pgRange')
    enumColumns.set(pgTypeName(r.name, r.schema), name)
    const { name: rangeName, ...definition } = r
    blocks.push(`export const ${name} = pgRange(${quote(rangeName)}, ${renderData(definition, imports)})`)
  }
  for (const c of objects.composites ?? []) {
    const name = variable(c.schema === undefined ? c.name : `${c.schema}_${c.name}`)
    names.push(name)
    used.add('pgComposite')
    enumColumns.set(pgTypeName(c.name, c.schema), name)
    blocks.push(`export const ${name} = pgComposite(${quote(c.name)}, ${compositeAttributes(c, imports)}${schemaArg(c.schema)})`)
  }
  for (const s of objects.sequences) {
    const { name: sequenceName, ...options } = s
    const name = variable(s.schema === undefined ? `${s.name}_sequence` : `${s.schema}_${s.name}_sequence`)
    names.push(name)
    used.add('sequence')
    const rest = Object.keys(options).length === 0 ? '' : `, ${renderData(options, imports)}`
    blocks.push(`export const ${name} = sequence(${quote(sequenceName)}${rest})`)
  }
  for (const p of objects.partitions ?? []) {
    const name = variable(p.schema === undefined ? p.name : `${p.schema}_${p.name}`)
    names.push(name)
    used.add('partition')
    const { schema, parentSchema, partitionBy } = p
    const rest = Object.entries({ schema, parentSchema, partitionBy }).filter(([, v]) => v !== undefined)
    const options = rest.length === 0 ? '' : `, ${renderData(Object.fromEntries(rest), imports)}`
    const bounds = p.bounds === 'DEFAULT' ? quote(p.bounds) : templateOf(p.bounds)
    if (bounds !== quote(p.bounds)) imports.names.add('sql')
    blocks.push(`export const ${name} = partition(${quote(p.name)}, ${quote(p.parent)}, ${bounds}${options})`)
  }
  return { blocks, names, used: [...used], enumColumns }
}

/**
 * A composite type's attributes as `pull` writes them: an object of name to
 * type (and collation), in order; a list of `{ name, type }` where a name is
 * an array index, which an object would move to the front.
 */
function compositeAttributes(type: CompositeType, imports: RenderImports): string {
  if (type.attributes.some((a) => /^(?:0|[1-9]\d*)$/.test(a.name))) return renderData(type.attributes, imports)
  const entries = type.attributes.map((a) => [a.name, a.collation === undefined ? a.type : { type: a.type, collation: a.collation }])
  return renderData(Object.fromEntries(entries), imports)
}
