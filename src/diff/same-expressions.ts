import type { DefaultValue } from '../schema/types.js'

/**
 * Two expression defaults that differ only as the database rewrites an
 * expression (PostgreSQL stores `1 + 2 * 3` as `1 + (2 * 3)`), compared as
 * checks are: by `checkKey`. Columns and PostgreSQL domains both ask it
 * when their defaults' own keys differ.
 *
 * @example
 * const key = (sql: string) => sql.replace(/[()\s]/g, '')
 * sameExpressionDefaults({ kind: 'expression', sql: '1 + 2 * 3' }, { kind: 'expression', sql: '1 + (2 * 3)' }, key) // true
 */
export function sameExpressionDefaults(
  was: DefaultValue | undefined,
  wanted: DefaultValue | undefined,
  checkKey: (expression: string) => string,
): boolean {
  return was?.kind === 'expression' && wanted?.kind === 'expression' && checkKey(was.sql) === checkKey(wanted.sql)
}
