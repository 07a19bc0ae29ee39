import { readObjects, type CatalogObject, type CatalogObjectReader } from '../catalog-objects.js'
import { introspectMariadbSequences } from './sequences.js'

const QUERIES: readonly (readonly [kind: string, sql: string])[] = [
  ['view', 'SELECT table_name AS name, view_definition AS definition FROM information_schema.views WHERE table_schema = DATABASE()'],
  [
    'trigger',
    "SELECT trigger_name AS name, CONCAT_WS(' ', action_timing, event_manipulation, 'ON', event_object_table, action_statement) " +
      'AS definition ' +
      'FROM information_schema.triggers WHERE trigger_schema = DATABASE()',
  ],
  [
    'routine',
    "SELECT CONCAT(routine_type, ' ', routine_name) AS name, routine_definition AS definition " +
      'FROM information_schema.routines WHERE routine_schema = DATABASE()',
  ],
  ['event', 'SELECT event_name AS name, event_definition AS definition FROM information_schema.events WHERE event_schema = DATABASE()'],
]

/** Views, triggers, stored routines, events and (MariaDB) sequences of the connection's database. */
export const readMysqlCatalogObjects: CatalogObjectReader = async (db) => {
  const [row] = await db.query('SELECT DATABASE() AS name')
  // Definitions name the database's own objects with the database's name, which differs from one scratch database to the next.
  const own = `\`${String(row?.['name']).replaceAll('`', '``')}\`.`
  const found: CatalogObject[] = []
  // One after another: a MySQL connection runs one query at a time anyway.
  for (const [kind, sql] of QUERIES) found.push(...(await readObjects(db, kind, sql, (text) => text.replaceAll(own, ''))))
  // MariaDB's sequences with their options as the models hold them (not where they stand): a downgrade that leaves
  // one altered is found, one that only drew from it is not.
  const { sequences } = await introspectMariadbSequences(db)
  found.push(...sequences.map(({ name, ...options }) => ({ kind: 'sequence', name, definition: JSON.stringify(options) })))
  return found
}
