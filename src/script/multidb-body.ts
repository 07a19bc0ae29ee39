import type { Operation } from '../ops/operation.js'
import { renderScript, type RenderedScript } from '../ops/render-script.js'
import { databaseFunctions } from './template.js'

/** One database's differences from its models. */
export interface DatabaseOps {
  /** Several databases: the one these are; absent for a single-database project. */
  readonly database?: string
  readonly ops: Operation[]
}

/**
 * The bodies of a multi-database script: one `upgrades` and one
 * `downgrades` function per database of the project, each holding that
 * database's operations (or a comment saying it has none), so every
 * generated script names every database, as Flask-Migrate's multidb
 * template does.
 *
 * @example
 * const ops: Operation[] = [{ kind: 'add_column', table: 'users', column: { name: 'email', type: { kind: 'string', length: 120 } } }]
 * const body = renderDatabaseScripts(['default', 'db1'], [{ database: 'db1', ops }])
 * await revision({ message: 'add email', body }) // default's functions say it has no changes
 */
export function renderDatabaseScripts(names: readonly string[], perDatabase: readonly DatabaseOps[]): RenderedScript {
  const rendered = new Map(perDatabase.filter((d) => d.ops.length > 0).map((d) => [d.database, renderScript(d.ops)]))
  const all: Operation[] = perDatabase.flatMap((d) => d.ops)
  return {
    // One import line for every function's needs.
    imports: renderScript(all).imports,
    upgrades: databaseFunctions(names, (name) => rendered.get(name)?.upgrades),
    downgrades: databaseFunctions(names, (name) => rendered.get(name)?.downgrades),
  }
}
