/**
 * Catalog rows as JSON and back. The drivers give a few values JSON cannot
 * hold (an int8 past 2^53 as a bigint, a timestamp as a Date, bytes as a
 * Buffer); every value that is not a JSON scalar is written tagged, so a
 * row holding an object of its own is never mistaken for one of those.
 * Anything else (a class instance) is refused: such a read is not kept.
 *
 * @example
 * decodeValue(JSON.parse(JSON.stringify(encodeValue({ max: 2n ** 63n - 1n })))) // { max: 9223372036854775807n }
 */
export function encodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : { '~': 'number', v: String(value) }
  if (typeof value === 'bigint') return { '~': 'bigint', v: value.toString() }
  if (value instanceof Date) return { '~': 'date', v: value.getTime() }
  if (value instanceof Uint8Array) return { '~': 'bytes', v: Buffer.from(value).toString('base64') }
  if (Array.isArray(value)) return { '~': 'array', v: value.map(encodeValue) }
  if (value === undefined) return { '~': 'undefined' }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return { '~': 'object', v: Object.entries(value).map(([key, inner]) => [key, encodeValue(inner)]) }
  }
  throw new UnencodableValue()
}

/** The value {@link encodeValue} wrote; throws on anything it did not write. */
export function decodeValue(encoded: unknown): unknown {
  if (encoded === null || typeof encoded === 'string' || typeof encoded === 'boolean' || typeof encoded === 'number') return encoded
  const { '~': tag, v } = encoded as { '~': unknown; v: unknown }
  switch (tag) {
    case 'number':
      return Number(v)
    case 'bigint':
      return BigInt(v as string)
    case 'date':
      return new Date(v as number)
    case 'bytes':
      return Buffer.from(v as string, 'base64')
    case 'array':
      return (v as unknown[]).map(decodeValue)
    case 'undefined':
      return undefined
    case 'object':
      return Object.fromEntries((v as [string, unknown][]).map(([key, inner]) => [key, decodeValue(inner)]))
    default:
      throw new Error(`not an encoded catalog value: ${JSON.stringify(encoded).slice(0, 80)}`)
  }
}

/** A value {@link encodeValue} cannot write. */
export class UnencodableValue extends Error {
  constructor() {
    super('a catalog value of a kind the cache cannot hold')
  }
}
