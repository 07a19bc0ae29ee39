import { AthanorError } from '../core/errors.js'

/**
 * One name of a rename flag as the flag writes it: bare when it holds no
 * `.`, `:` or `"`, else in double quotes with each `"` doubled, as SQL
 * quotes an identifier. The parts of a qualified name join with dots.
 *
 * @example
 * flagName('public', 'users') // 'public.users'
 * flagName('order.items', 'unit.price') // '"order.items"."unit.price"'
 */
export function flagName(...parts: readonly string[]): string {
  return parts.map((part) => (/^[^.:"]+$/.test(part) ? part : `"${part.replaceAll('"', '""')}"`)).join('.')
}

/** The two sides of a rename flag, each as its dot-separated names, quotes taken off. */
export interface FlagSides {
  readonly from: readonly string[]
  readonly to: readonly string[]
}

/**
 * The `OLD:NEW` of `--<flag> <text>`, each side split at the dots outside
 * double quotes (`"order.items".qty:amount`, `""` inside quotes is one
 * `"`). A missing or second colon, an empty or unclosed name, or a side
 * with more names than `sizes` allows (`[fewest, most]` for each side)
 * is an `INVALID_OPTION` naming the flag and `expected`.
 *
 * @example
 * parseRenameFlag('"order.items".qty:amount', 'rename-column', { from: [2, 3], to: [1, 1] }, 'TABLE.OLD:NEW')
 * // { from: ['order.items', 'qty'], to: ['amount'] }
 */
export function parseRenameFlag(
  text: string,
  flag: string,
  sizes: { readonly from: readonly [number, number]; readonly to: readonly [number, number] },
  expected: string,
): FlagSides {
  const bad = (why: string) =>
    new AthanorError('INVALID_OPTION', `--${flag} ${text}: ${why}; expected ${expected} (quote a name holding . or : in "")`)
  const sides: string[][] = [[]]
  let name = ''
  let quoted = false
  let closed = false
  const end = () => {
    if (name === '' && !closed) throw bad('an empty name')
    sides.at(-1)!.push(name)
    name = ''
    closed = false
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char !== '"') name += char
      else if (text[i + 1] === '"') name += text[++i]
      else [quoted, closed] = [false, true]
    } else if (char === '.' || char === ':') {
      end()
      if (char === ':') sides.push([])
    } else if (closed) throw bad('text after a closing quote')
    else if (char === '"' && name === '') quoted = true
    else name += char
  }
  if (quoted) throw bad('an unclosed quote')
  end()
  const [from, to] = sides
  if (sides.length !== 2 || from === undefined || to === undefined) throw bad(sides.length < 2 ? 'no colon' : 'more than one colon')
  const fits = (names: readonly string[], [fewest, most]: readonly [number, number]) => names.length >= fewest && names.length <= most
  if (!fits(from, sizes.from) || !fits(to, sizes.to)) throw bad('too many or too few names')
  return { from, to }
}
