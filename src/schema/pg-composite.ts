/**
 * One attribute of a PostgreSQL composite type: its name, its type as SQL
 * (as `format_type` writes it when read from the catalog), and a collation
 * of its own where it has one other than its type's.
 *
 * @example
 * const city: CompositeAttribute = { name: 'city', type: 'character varying(80)' }
 */
export interface CompositeAttribute {
  readonly name: string
  readonly type: string
  readonly collation?: string
}

/**
 * A PostgreSQL composite type (`CREATE TYPE address AS (street text, city
 * text)`): a row type of its own that columns, arrays and routines use.
 * Its attributes are in their order, which is the order of a value's fields.
 *
 * @example
 * const address: CompositeType = { name: 'address', attributes: [{ name: 'street', type: 'text' }, { name: 'city', type: 'text' }] }
 */
export interface CompositeType {
  readonly name: string
  readonly schema?: string
  readonly attributes: readonly CompositeAttribute[]
}

/**
 * What `ALTER TYPE` changes in a composite type: attributes renamed first,
 * then dropped and added (in one statement), then moved to the end, in
 * order (`moveToEnd`, each as it is): PostgreSQL adds only at the end, so a
 * dropped attribute put back where it stood takes the ones after it past
 * it, their values copied in every table column of the type. A dropped
 * attribute's values are gone from every column of the type.
 *
 * @example
 * const renameAttributes = [{ from: 'zip', to: 'postal_code' }]
 * const changes: CompositeChanges = { renameAttributes, addAttributes: [{ name: 'country', type: 'text' }] }
 */
export interface CompositeChanges {
  readonly renameAttributes?: readonly { readonly from: string; readonly to: string }[]
  readonly dropAttributes?: readonly string[]
  readonly addAttributes?: readonly CompositeAttribute[]
  readonly moveToEnd?: readonly CompositeAttribute[]
}

/**
 * The composite type after `changes`: renamed in place, dropped ones gone,
 * added ones at the end, as PostgreSQL keeps them.
 *
 * @example
 * compositeAfter({ name: 'a', attributes: [{ name: 'x', type: 'text' }] }, { addAttributes: [{ name: 'y', type: 'int' }] })
 * // { name: 'a', attributes: [{ name: 'x', type: 'text' }, { name: 'y', type: 'int' }] }
 */
export function compositeAfter(type: CompositeType, changes: CompositeChanges): CompositeType {
  const renamed = new Map((changes.renameAttributes ?? []).map((r) => [r.from, r.to]))
  const dropped = new Set(changes.dropAttributes ?? [])
  const kept = type.attributes
    .map((a) => (renamed.has(a.name) ? { ...a, name: renamed.get(a.name)! } : a))
    .filter((a) => !dropped.has(a.name))
  const moved = new Set((changes.moveToEnd ?? []).map((a) => a.name))
  const staying = [...kept, ...(changes.addAttributes ?? [])].filter((a) => !moved.has(a.name))
  return { ...type, attributes: [...staying, ...(changes.moveToEnd ?? [])] }
}

/**
 * The attributes to move to the end, in order, once `type` has taken
 * `changes`, so that its attributes stand in `order` (names): none when
 * they already do; else, from the first out of place, those that stand
 * behind the ones just added (each added one then goes where it belongs),
 * or all of them.
 *
 * @example
 * const address: CompositeType = { name: 'a', attributes: [{ name: 'street', type: 'text' }, { name: 'zip', type: 'text' }] }
 * movesToOrder(address, { addAttributes: [{ name: 'city', type: 'text' }] }, ['street', 'city', 'zip']) // [{ name: 'zip', … }]
 */
export function movesToOrder(type: CompositeType, changes: CompositeChanges, order: readonly string[]): CompositeAttribute[] {
  const after = compositeAfter(type, changes).attributes
  const first = after.findIndex((a, i) => a.name !== order[i])
  if (first < 0 || after.length !== order.length) return []
  const byName = new Map(after.map((a) => [a.name, a]))
  const rest = order.slice(first).map((name) => byName.get(name)!)
  const added = new Set((changes.addAttributes ?? []).map((a) => a.name))
  const leading = rest.findIndex((a) => !added.has(a.name))
  const behind = leading < 0 ? [] : rest.slice(leading)
  return behind.some((a) => added.has(a.name)) ? rest : behind
}
