import type { ScratchDatabases } from '../scratch.js'

/**
 * SQLite's scratch database is one in memory: nothing on disk to create,
 * clean or leave behind, and it goes away with its connection.
 */
export const sqliteScratch: ScratchDatabases = {
  create: async () => ({
    url: { dialect: 'sqlite', redacted: 'sqlite://', filename: ':memory:', params: {} },
    label: 'SQLite in memory',
    singleConnection: true,
    drop: async () => {},
  }),
  isEmpty: async (db) => (await db.query("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1")).length === 0,
}
