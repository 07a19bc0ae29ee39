import type { Operation } from '../ops/operation.js'
import type { SchemaObjects } from '../schema/pg-objects.js'
import type { StoredCode } from '../schema/stored-code.js'
import type { Table } from '../schema/types.js'
import type { View } from '../schema/view.js'

/**
 * What the models declare, each part as far as the caller has it: every
 * `{ schema }` in it names a schema the objects live in.
 *
 * @example
 * const models: SchemaNamers = { tables: [{ name: 'log', schema: 'audit', columns: [] }] }
 */
export interface SchemaNamers {
  readonly tables: readonly Table[]
  readonly views?: readonly View[]
  readonly code?: StoredCode
  readonly objects?: SchemaObjects
}

/**
 * Each object of the models that names a schema, as `kind schema.name`
 * with the schema it names (a partition also names its parent's), in the
 * order the models list them.
 *
 * @example
 * schemaNamers({ tables: [{ name: 'log', schema: 'audit', columns: [] }] })
 * // [{ schema: 'audit', kind: 'table', object: 'table audit.log' }]
 */
export function schemaNamers(models: SchemaNamers): Array<{ readonly schema: string; readonly kind: string; readonly object: string }> {
  const { tables, views = [], code, objects } = models
  const named: Array<readonly [string, { readonly name: string; readonly schema?: string | undefined }]> = [
    ...tables.map((t) => ['table', t] as const),
    ...views.map((v) => ['view', v] as const),
    ...(code?.triggers ?? []).map((t) => ['trigger', t] as const),
    ...(code?.routines ?? []).map((r) => ['routine', r] as const),
    ...(objects?.enums ?? []).map((e) => ['enum', e] as const),
    ...(objects?.extensions ?? []).map((e) => ['extension', e] as const),
    ...(objects?.sequences ?? []).map((s) => ['sequence', s] as const),
    ...(objects?.domains ?? []).map((d) => ['domain', d] as const),
    ...(objects?.composites ?? []).map((c) => ['composite type', c] as const),
    ...(objects?.ranges ?? []).map((r) => ['range type', r] as const),
    ...(objects?.partitions ?? []).flatMap((p) => [
      ['partition', p] as const,
      ['table', { name: p.parent, schema: p.parentSchema }] as const,
    ]),
  ]
  return named.flatMap(([kind, o]) => (o.schema === undefined ? [] : [{ schema: o.schema, kind, object: `${kind} ${o.schema}.${o.name}` }]))
}

/**
 * The schemas the models name (any object's `schema`, a partition's
 * `parentSchema`, an extension's `schema`), each once, in name order. The
 * connection's own schema is named only where a model spells it out.
 *
 * @example
 * namedSchemas({ tables: [{ name: 'log', schema: 'audit', columns: [] }, { name: 'users', columns: [] }] }) // ['audit']
 */
export function namedSchemas(models: SchemaNamers): string[] {
  return [...new Set(schemaNamers(models).map((n) => n.schema))].sort()
}

/**
 * The schemas to create before anything else runs: those the models name
 * that the database lacks (`present`: the named ones it has), in name
 * order. A schema the models stop naming is never dropped: it is simply no
 * longer read, and what is left in it stays. The downgrade, the reverse in
 * reverse order, drops each one after everything in it.
 *
 * @example
 * diffSchemas(['audit'], ['audit', 'reports']) // [{ kind: 'create_schema', name: 'reports' }]
 */
export function diffSchemas(present: readonly string[], named: readonly string[]): Operation[] {
  const has = new Set(present)
  return [...new Set(named)]
    .filter((name) => !has.has(name))
    .sort()
    .map((name) => ({ kind: 'create_schema', name }))
}
