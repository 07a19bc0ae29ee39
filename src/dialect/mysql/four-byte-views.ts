import type { Row } from '../../ops/operation-sink.js'
import type { Queryable } from '../introspector.js'
import { unfolded } from './four-byte-texts.js'
import { withoutDatabase } from './without-database.js'

const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? ''))
const quoted = (name: string) => `\`${name.replaceAll('`', '``')}\``

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
      const definition = withoutDatabase(text(row['definition']).trim(), text(row['db']))
      if (!definition.includes('?')) return definition
      const [shown] = await db.query(`SHOW CREATE VIEW ${quoted(text(row['name']))}`)
      return unfolded(text(shown?.['Create View']), definition) ?? definition
    }),
  )
}
