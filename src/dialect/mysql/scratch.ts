import { createServerScratch } from '../server-scratch.js'
import type { ScratchDatabases } from '../scratch.js'
import { mysqlCompiler } from './compiler.js'

const quote = (name: string) => mysqlCompiler.quoteIdentifier(name)

/** A database (MySQL's schema) created with utf8mb4, as athanor's tables are, and dropped whole. */
export const mysqlScratch: ScratchDatabases = {
  create: (server, name, open) =>
    createServerScratch(server, name, open, {
      create: (n) => `CREATE DATABASE ${quote(n)} CHARACTER SET utf8mb4`,
      drop: (n) => `DROP DATABASE IF EXISTS ${quote(n)}`,
    }),
  isEmpty: async (db) =>
    (
      await db.query(
        'SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() ' +
          'UNION ALL SELECT 1 FROM information_schema.routines WHERE routine_schema = DATABASE() LIMIT 1',
      )
    ).length === 0,
}
