/**
 * The checksum recorded when a script is applied. A BOM and CRLF/CR line
 * endings are normalised away, so a checkout on Windows or an editor that
 * adds a BOM does not look like an edited migration.
 *
 * @example
 * scriptChecksum('a\r\nb') === scriptChecksum('\uFEFFa\nb') // true
 */
export function scriptChecksum(source: string): string {
  const normalised = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  // Loaded on the first checksum: the commands that find every header in
  // the cache compute none, and loading node:crypto is a good part of their start-up.
  const { createHash } = process.getBuiltinModule('node:crypto')
  return createHash('sha256').update(normalised, 'utf8').digest('hex')
}
