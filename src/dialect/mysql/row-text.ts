/**
 * A catalog value as text: mysql2 hands some information_schema and SHOW
 * columns back as bytes (binary collations), and NULL reads as empty.
 *
 * @example
 * rowText(Buffer.from('t1')) // 't1'
 * rowText(null) // ''
 */
export function rowText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value ?? '')
}

/**
 * A name read from the catalog, backquoted for a statement of athanor's own
 * (`SHOW CREATE TABLE`, a probe): no length check, as the server named it.
 *
 * @example
 * backquoted('we`ird') // '`we``ird`'
 */
export function backquoted(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``
}
