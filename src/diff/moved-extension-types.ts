import type { DiffHooks } from '../dialect/diff-hooks.js'
import { unquoteName } from '../dialect/postgresql/introspect-index.js'
import type { Extension, SchemaObjects } from '../schema/pg-objects.js'

/** An extension the diff moves, with the types it takes along. */
interface ExtensionMove {
  readonly name: string
  readonly from: string
  readonly to: string
  readonly types: ReadonlySet<string>
}

/**
 * Where an extension goes, when the models name a schema other than the one
 * it is in (`home` being where the catalog's unqualified ones are); nothing
 * when they name none or the same. Shared by the diff of the extensions and
 * of the columns that use its types.
 *
 * @example
 * extensionDestination({ name: 'citext' }, { name: 'citext', schema: 'ext' }, 'public') // { from: 'public', to: 'ext' }
 */
export function extensionDestination(
  was: Extension,
  wanted: Extension,
  home: string | undefined,
): { from: string; to: string } | undefined {
  const from = was.schema ?? home
  if (wanted.schema === undefined || from === undefined || wanted.schema === from) return undefined
  return { from, to: wanted.schema }
}

const IDENTIFIER = `(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")`
const TYPE_NAME = new RegExp(`^(?:(${IDENTIFIER})\\.)?(${IDENTIFIER})((?:\\[\\])*)$`)

/**
 * `hooks` with the columns typed by an extension that the diff moves read
 * as the same type on both sides. `ALTER EXTENSION … SET SCHEMA` takes its
 * types along, so `hstore` (or `public.hstore`) before and
 * `extensions.hstore` after name one type, and its columns need no
 * `ALTER COLUMN … TYPE`, whose downgrade would run before the extension
 * is back and name a type not found.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const objects = { enums: [], sequences: [] }
 * const hooks = withMovedExtensionTypes(diffHooksFor('postgresql'), {
 *   current: { ...objects, extensions: [{ name: 'hstore', types: ['hstore'] }] },
 *   target: { ...objects, extensions: [{ name: 'hstore', schema: 'extensions' }] },
 *   home: 'public',
 * })
 * hooks.typeKey({ name: 'a', type: { kind: 'raw', sql: 'extensions.hstore' } }) // 'extension hstore: hstore'
 */
export function withMovedExtensionTypes(
  hooks: DiffHooks,
  objects: { readonly current: SchemaObjects; readonly target: SchemaObjects; readonly home?: string } | undefined,
): DiffHooks {
  if (objects === undefined) return hooks
  const current = new Map(objects.current.extensions.map((e) => [e.name, e]))
  const moves: ExtensionMove[] = []
  for (const wanted of objects.target.extensions) {
    const was = current.get(wanted.name)
    const where = was === undefined || was.relocatable === false ? undefined : extensionDestination(was, wanted, objects.home)
    if (where !== undefined && was?.types !== undefined) moves.push({ name: wanted.name, ...where, types: new Set(was.types) })
  }
  if (moves.length === 0) return hooks
  const movedKey = (sql: string): string | undefined => {
    const m = TYPE_NAME.exec(sql)
    if (!m) return undefined
    const schema = m[1] === undefined ? undefined : unquoteName(m[1])
    const name = unquoteName(m[2]!)
    const move = moves.find((mv) => mv.types.has(name) && (schema === undefined || schema === mv.from || schema === mv.to))
    return move === undefined ? undefined : `extension ${move.name}: ${name}${m[3]}`
  }
  return {
    ...hooks,
    typeKey: (column) => (column.type.kind === 'raw' ? movedKey(column.type.sql) : undefined) ?? hooks.typeKey(column),
  }
}
