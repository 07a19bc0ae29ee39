/**
 * `compute` remembered by its text argument: a schema repeats a few dozen
 * declared types or default expressions over thousands of columns, so each
 * is worked out once. The results are plain data that no one changes, so
 * one is shared by every caller that asks the same. Past `limit` texts it
 * starts over, so a long-lived process keeps it small.
 *
 * @example
 * const lengthOf = boundedMemo(1000, (text: string) => text.length)
 * lengthOf('VARCHAR(20)') // 11, worked out once
 */
export function boundedMemo<T>(limit: number, compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>()
  return (text) => {
    if (known.has(text)) return known.get(text) as T
    if (known.size >= limit) known.clear()
    const value = compute(text)
    known.set(text, value)
    return value
  }
}
