/**
 * A name written without quotes, as a regular-expression source: a letter,
 * underscore or any character past ASCII, then those, digits and `$`.
 * SQLite, PostgreSQL and MySQL all accept characters past ASCII in bare
 * names, so a reader that stopped at ASCII would cut `größe` to `gr`.
 *
 * @example
 * import { BARE_NAME } from './bare-name.js'
 * new RegExp(`^${BARE_NAME}$`).test('größe') // true
 */
export const BARE_NAME = String.raw`[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*`

/** What may follow a bare name's last character: a source for a lookahead that keeps a match whole. */
export const BARE_NAME_PART = String.raw`[\w$\u0080-\uFFFF]`
