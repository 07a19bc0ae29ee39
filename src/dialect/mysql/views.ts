import type { View } from '../../schema/view.js'
import type { Queryable } from '../introspector.js'
import { scratchViewName, type ViewSupport } from '../view-support.js'

const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? ''))

/**
 * The tables a stored definition reads: MySQL/MariaDB write every table
 * as `` `database`.`table` `` (MariaDB has no VIEW_TABLE_USAGE to ask).
 */
function tablesRead(definition: string, database: string): string[] {
  const prefix = `\`${database.replaceAll('`', '``')}\`.\``
  const found = new Set<string>()
  for (let at = definition.indexOf(prefix); at >= 0; at = definition.indexOf(prefix, at + 1)) {
    const end = definition.indexOf('`', at + prefix.length)
    if (end > 0) found.add(definition.slice(at + prefix.length, end))
  }
  return [...found]
}

/**
 * The stored text without the database's own name before each table, so a
 * pulled view can be created in another database (a migration's target).
 */
function withoutDatabase(definition: string, database: string): string {
  return definition.replaceAll(`\`${database.replaceAll('`', '``')}\`.`, '')
}

/**
 * MySQL/MariaDB's views from `information_schema.VIEWS`. The server stores
 * a rewritten text (names qualified with the database and backquoted,
 * every column given an alias), so a model's definition is normalised by
 * creating it as a throwaway view under a unique name and reading it back;
 * DDL commits here, so it is dropped at once rather than rolled back.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * await mysqlViews.read(db) // [{ name: 'active_users', definition: 'select `app`.`users`.`id` AS `id` …', dependsOn: ['users'] }]
 */
export const mysqlViews: ViewSupport = {
  async read(db: Queryable): Promise<View[]> {
    const [here] = await db.query('SELECT DATABASE() AS db')
    const database = text(here?.['db'])
    // A check running beside this one may hold a throwaway view for a moment.
    const rows = await db.query(
      'SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ' +
        "AND TABLE_NAME NOT LIKE 'athanor\\_normal\\_%' ORDER BY TABLE_NAME",
    )
    return rows.map((row) => {
      const stored = text(row['definition']).trim()
      return { name: text(row['name']), definition: withoutDatabase(stored, database), dependsOn: tablesRead(stored, database) }
    })
  },
  async normalize(db: Queryable, view: View): Promise<string | undefined> {
    const name = scratchViewName()
    try {
      await db.query(`CREATE VIEW \`${name}\` AS ${view.definition.trim().replace(/;\s*$/, '')}`)
    } catch {
      return undefined
    }
    try {
      const [row] = await db.query(
        `SELECT VIEW_DEFINITION AS definition FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${name}'`,
      )
      const [here] = await db.query('SELECT DATABASE() AS db')
      return withoutDatabase(text(row?.['definition']).trim(), text(here?.['db']))
    } finally {
      await db.query(`DROP VIEW IF EXISTS \`${name}\``)
    }
  },
}
