import { checkExpressionKey } from '../check-expression.js'
import { SQLITE_OPERATORS } from './operator-grammar.js'
import { sqliteLexicon } from './transaction-control.js'

/**
 * A CHECK expression's key on SQLite, which keeps the text as written: names
 * compare without case, quoted or not.
 *
 * @example
 * sqliteCheckKey('"Price" > 0') === sqliteCheckKey('price >  0') // true
 */
export function sqliteCheckKey(expression: string): string {
  return checkExpressionKey(expression, sqliteLexicon, { foldQuotedNames: true, postgresCasts: false, grammar: SQLITE_OPERATORS })
}
