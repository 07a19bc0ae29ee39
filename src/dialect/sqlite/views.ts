import type { View } from '../../schema/view.js'
import type { Queryable } from '../introspector.js'
import { namesMentioned, type ViewSupport } from '../view-support.js'
import { isWord, matchingParen, tokenize, unquote } from './rebuild/tokenize.js'

/**
 * A CREATE VIEW statement as SQLite keeps it, taken apart: the query after
 * its AS (a comment before the AS left out) and the column names it lists
 * before the AS, if any.
 *
 * @example
 * viewParts('CREATE VIEW v /* note *\/ (x, "y z") AS SELECT a, b FROM t')
 * // { definition: 'SELECT a, b FROM t', columnNames: ['x', 'y z'] }
 */
export function viewParts(sql: string): { definition: string; columnNames?: string[] } {
  const tokens = tokenize(sql)
  const as = tokens.findIndex((token) => isWord(token, 'AS'))
  if (as < 0) return { definition: sql.trim() }
  const definition = sql.slice(tokens[as]!.end).trim()
  const open = tokens.findIndex((token, index) => index < as && token.kind === 'punct' && token.text === '(')
  if (open < 0) return { definition }
  const names = tokens.slice(open + 1, matchingParen(tokens, open)).filter((token) => token.kind !== 'punct')
  return { definition, columnNames: names.map(unquote) }
}

/**
 * SQLite's views from `sqlite_master`, with their text as written; what
 * they read is found by the table and view names their text mentions.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await sqliteViews.read(await openConnection(parseDatabaseUrl('sqlite:///app.db'))) // [{ name: 'recent', definition: 'SELECT …' }]
 */
export const sqliteViews: ViewSupport = {
  async read(db: Queryable): Promise<View[]> {
    const rows = await db.query(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    const names = rows.map((row) => String(row['name']))
    return rows
      .filter((row) => row['type'] === 'view')
      .map((row) => {
        const name = String(row['name'])
        const { definition, columnNames } = viewParts(String(row['sql']))
        return {
          name,
          definition,
          ...(columnNames === undefined ? {} : { columnNames }),
          dependsOn: namesMentioned(
            definition,
            names.filter((n) => n !== name),
          ),
        }
      })
  },
  // Stored verbatim: the model's text is already the database's.
  normalize: async (_db, views) => views.map((view) => view.definition),
}
