/**
 * The message for keys an object should not have, or `undefined` when it
 * has none: every unknown key, each with the known one it is closest to
 * when that is a likely typo, then the keys it may have.
 *
 * @example
 * unknownKeys(['versionTabel'], ['url', 'versionTable'], 'option')
 * // "unknown option 'versionTabel' (did you mean 'versionTable'?); the options are url, versionTable"
 */
export function unknownKeys(keys: readonly string[], known: readonly string[], noun: string): string | undefined {
  const unknown = keys.filter((key) => !known.includes(key))
  if (unknown.length === 0) return undefined
  const named = unknown.map((key) => {
    const near = nearest(key, known)
    return `'${key}'${near === undefined ? '' : ` (did you mean '${near}'?)`}`
  })
  return `unknown ${noun}${unknown.length === 1 ? '' : 's'} ${named.join(', ')}; the ${noun}s are ${known.join(', ')}`
}

/** The known key a typo most likely meant: the same but for case, or at most two edits away. */
function nearest(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const name of known) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name)
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance }
  }
  return best?.name
}

/** Levenshtein distance, with adjacent swaps counted once (`Tabel` → `Table`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!
      const above = rows[i - 1]!
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1)
    }
  }
  return rows[a.length]![b.length]!
}
