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

/**
 * Of `namedChanges`' result, the pairs that are one object under a new
 * name: one gone and one made with equal keys, the new name not held by
 * any object of `was` (so renaming to it cannot collide). Those leave
 * `gone` and `made` for `renamed`, current then wanted.
 *
 * @example
 * const changes = namedChanges([{ name: 'a', v: 1 }], [{ name: 'b', v: 1 }], (item) => String(item.v))
 * renamedAmong(changes, [{ name: 'a', v: 1 }], (item) => String(item.v))
 * // { gone: [], made: [], renamed: [[{ name: 'a', v: 1 }, { name: 'b', v: 1 }]] }
 */
export function renamedAmong<T extends { readonly name: string }>(
  changes: { readonly gone: readonly T[]; readonly made: readonly T[] },
  was: readonly T[],
  key: (item: T) => string,
): { gone: T[]; made: T[]; renamed: (readonly [T, T])[] } {
  const held = new Set(was.map((item) => item.name))
  const gone = [...changes.gone]
  const made: T[] = []
  const renamed: (readonly [T, T])[] = []
  for (const item of changes.made) {
    const at = held.has(item.name) ? -1 : gone.findIndex((old) => key(old) === key(item) && !changes.made.some((m) => m.name === old.name))
    if (at < 0) made.push(item)
    else renamed.push([gone.splice(at, 1)[0]!, item])
  }
  return { gone, made, renamed }
}
