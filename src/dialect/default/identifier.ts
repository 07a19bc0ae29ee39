import { AthanorError } from '../../core/errors.js'

/**
 * A quoting function for one dialect: wraps the name in `quote` and doubles
 * any `quote` inside it, which is the only escape SQL identifiers have.
 * Empty names, NUL characters and names longer than the server keeps are
 * refused: PostgreSQL would silently truncate (NAMEDATALEN − 1 = 63 bytes)
 * and two long names could then collide.
 *
 * @example
 * quoteWith('"', 63)('we"ird') // '"we""ird"'
 */
export function quoteWith(quote: string, maxLength?: number, unit: 'bytes' | 'chars' = 'chars'): (name: string) => string {
  return (name) => {
    if (name.length === 0) throw new AthanorError('INVALID_IDENTIFIER', 'An identifier cannot be empty')
    if (name.includes('\0')) {
      throw new AthanorError('INVALID_IDENTIFIER', `Identifier ${JSON.stringify(name)} contains a NUL character`)
    }
    // A name of at most maxLength UTF-16 units (a third of it for bytes: a unit is at most 3 UTF-8 bytes) cannot be too long;
    // only a longer one is measured. Every statement of a run quotes names here.
    if (maxLength !== undefined && name.length > (unit === 'bytes' ? maxLength / 3 : maxLength)) {
      const length = unit === 'bytes' ? Buffer.byteLength(name, 'utf8') : [...name].length
      if (length > maxLength) {
        throw new AthanorError(
          'IDENTIFIER_TOO_LONG',
          `Identifier ${JSON.stringify(name)} is ${length} ${unit} long; the limit is ${maxLength}`,
        )
      }
    }
    return name.includes(quote) ? quote + name.replaceAll(quote, quote + quote) + quote : quote + name + quote
  }
}
