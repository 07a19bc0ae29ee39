/**
 * A value as a message shows it: JSON where it has one, cut short; a
 * function or symbol by what it is.
 *
 * @example
 * showValue('x y') // '"x y"'
 * showValue(() => 1) // 'a function'
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value)
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    // A cycle: say what it is instead.
  }
  if (json === undefined) return Object.prototype.toString.call(value)
  return json.length > 60 ? `${json.slice(0, 57)}...` : json
}
