/**
 * What differs between two lists of objects known by their names: those
 * to drop (gone, or changed: their old form) and those to make (new, or
 * changed: their new form). Two of one name are the same when their keys are.
 *
 * @example
 * namedChanges([{ name: 'a', v: 1 }, { name: 'b', v: 1 }], [{ name: 'b', v: 2 }], (item) => String(item.v))
 * // { gone: [{ name: 'a', v: 1 }, { name: 'b', v: 1 }], made: [{ name: 'b', v: 2 }] }
 */
export function namedChanges<T extends { readonly name: string }>(
  was: readonly T[],
  wanted: readonly T[],
  key: (item: T) => string,
): { gone: T[]; made: T[] } {
  const before = new Map(was.map((item) => [item.name, item]))
  const after = new Map(wanted.map((item) => [item.name, item]))
  const changed = (one: T, other: T | undefined) => other === undefined || key(one) !== key(other)
  return {
    gone: [...before.values()].filter((item) => changed(item, after.get(item.name))),
    made: [...after.values()].filter((item) => changed(item, before.get(item.name))),
  }
}
