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
 * The schemas the models name (any object's `schema`, a partition's
 * `parentSchema`, an extension's `schema`), each once, in name order. The
 * connection's own schema is named only where a model spells it out.
 *
 * @example
 * namedSchemas({ tables: [{ name: 'log', schema: 'audit', columns: [] }, { name: 'users', columns: [] }] }) // ['audit']
 */
export function namedSchemas(models: SchemaNamers): string[] {
  const { tables, views = [], code, objects } = models
  const named: Array<string | undefined> = [
    ...tables.map((t) => t.schema),
    ...views.map((v) => v.schema),
    ...(code?.triggers ?? []).map((t) => t.schema),
    ...(code?.routines ?? []).map((r) => r.schema),
    ...(objects?.enums ?? []).map((e) => e.schema),
    ...(objects?.extensions ?? []).map((e) => e.schema),
    ...(objects?.sequences ?? []).map((s) => s.schema),
    ...(objects?.domains ?? []).map((d) => d.schema),
    ...(objects?.partitions ?? []).flatMap((p) => [p.schema, p.parentSchema]),
  ]
  return [...new Set(named.filter((s): s is string => s !== undefined))].sort()
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
