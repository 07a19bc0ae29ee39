import { sqlTokens } from '../default/sql-tokens.js'
import { mysqlLexicon } from './transaction-control.js'

/**
 * Stored SQL (a view's query, a column default naming a sequence) without
 * the database's own name before each name it qualifies, so what is pulled
 * can be made in another database (a migration's target). Only where it
 * qualifies a name: a string literal that spells it keeps it.
 *
 * @example
 * withoutDatabase('nextval(`shop`.`order_no`)', 'shop') // 'nextval(`order_no`)'
 */
export function withoutDatabase(definition: string, database: string): string {
  const qualifier = `\`${database.replaceAll('`', '``')}\``
  // Every expression default and generated column of a catalog passes here: most name no database.
  if (!definition.includes(qualifier)) return definition
  const tokens = sqlTokens(definition, mysqlLexicon)
  let out = ''
  let kept = 0
  tokens.forEach((token, at) => {
    const dot = tokens[at + 1]
    const qualifies = dot?.text === '.' && dot.start === token.end
    if (token.kind === 'literal' && qualifies && definition.slice(token.start, token.end) === qualifier) {
      out += definition.slice(kept, token.start)
      kept = dot.end
    }
  })
  return out + definition.slice(kept)
}
