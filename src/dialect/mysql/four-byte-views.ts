import type { Row } from '../../ops/operation-sink.js'
import type { Queryable } from '../introspector.js'
import { unfolded } from './four-byte-texts.js'
import { withoutDatabase } from './without-database.js'
import { rowText, backquoted } from './row-text.js'

/**
 * Each view's definition (rows of `name`, `definition` and `db` read from
 * information_schema.VIEWS) without the database's name, a 4-byte character
 * in it put right. MariaDB's information_schema is utf8mb3, so such a
 * character (an emoji) reads as `????`, and a view holding one was never
 * equal to its model; `SHOW CREATE VIEW` keeps it, and names the database's
 * own tables unqualified, as this text does. Asked only of the views whose
 * text holds a `?`.
 *
 * @example
 * import type { Queryable } from '../introspector.js'
 * declare const db: Queryable
 * await viewDefinitions(db, [{ name: 'v', definition: "select '????' AS `x`", db: 'app' }]) // ["select '🍎' AS `x`"]
 */
export async function viewDefinitions(db: Queryable, rows: readonly Row[]): Promise<string[]> {
  return Promise.all(
    rows.map(async (row) => {
      const definition = withoutDatabase(rowText(row['definition']).trim(), rowText(row['db']))
      if (!definition.includes('?')) return definition
      const [shown] = await db.query(`SHOW CREATE VIEW ${backquoted(rowText(row['name']))}`)
      return unfolded(rowText(shown?.['Create View']), definition) ?? definition
    }),
  )
}
