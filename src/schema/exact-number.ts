/**
 * A decimal number's text reduced to its value, exactly: no sign for zero,
 * no leading zeros, no trailing zeros after the point, no exponent
 * (`'007.50'` → `'7.5'`, `'1e-7'` → `'0.0000001'`, `'1e+25'` → a 1 and 25 zeros).
 *
 * @example
 * decimalValueText('-0.00') // '0'
 * decimalValueText('9007199254740993') // '9007199254740993' (a double would make it …992)
 */
export function decimalValueText(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim())
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return String(Number(text))
  const digits = `${m[2]}${m[3] ?? ''}`
  // Where the point falls in the digits once the exponent has moved it.
  const point = m[2]!.length + Number(m[4] ?? 0)
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0')
  const fraction = point <= 0 ? `${'0'.repeat(-point)}${digits}` : digits.slice(point)
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '')
  const trimmedFraction = fraction.replace(/0+$/, '')
  const value = trimmedFraction === '' ? trimmedWhole : `${trimmedWhole}.${trimmedFraction}`
  return m[1] === '-' && value !== '0' ? `-${value}` : value
}

/**
 * A numeric literal read from a catalog as a JavaScript number, where the
 * number, as JavaScript prints it, says it: its value exactly, and with
 * `keepText` its text too (PostgreSQL keeps a `numeric` default's `0.00` as
 * written, and SQLite what a default's text says). `undefined` where a double would round
 * it (past 2^53, a long fraction) or drop what the text says: the caller
 * keeps the text then.
 *
 * @example
 * exactNumber('1.50') // 1.5
 * exactNumber('1.50', true) // undefined
 * exactNumber('9007199254740993') // undefined
 */
export function exactNumber(text: string, keepText = false): number | undefined {
  const value = Number(text)
  if (!Number.isFinite(value)) return undefined
  // Compared with the number's own text, the digits a script and a statement will say: -2^63 is a double, but it
  // prints as -9223372036854776000.
  const exact = keepText ? String(value) === text.trim() : decimalValueText(text) === decimalValueText(String(value))
  // -0 reads back as 0 everywhere: written so.
  return exact ? value + 0 : undefined
}
