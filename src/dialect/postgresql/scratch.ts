import { createServerScratch } from '../server-scratch.js'
import type { ScratchDatabases } from '../scratch.js'
import { postgresCompiler } from './compiler.js'

const quote = (name: string) => postgresCompiler.quoteIdentifier(name)

/**
 * A database created on the server and dropped with FORCE (PostgreSQL 13+),
 * which ends any session a failed run left on it. A URL naming a schema
 * gets that schema created in the new database.
 */
export const postgresqlScratch: ScratchDatabases = {
  create: (server, name, open) =>
    createServerScratch(server, name, open, {
      create: (n) => `CREATE DATABASE ${quote(n)}`,
      drop: (n) => `DROP DATABASE IF EXISTS ${quote(n)} WITH (FORCE)`,
      prepare: (url) => (url.schema === undefined || url.schema === 'public' ? [] : [`CREATE SCHEMA ${quote(url.schema)}`]),
    }),
  isEmpty: async (db) =>
    (
      await db.query(
        "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') " +
          "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' LIMIT 1",
      )
    ).length === 0,
}
