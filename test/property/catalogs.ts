import type { DialectName } from '../../src/dialect/types.js'
import type { CatalogReader } from '../fidelity/round-trip.js'
import { storedCodeCatalog } from '../fidelity/stored-code-catalog.js'

/** Each view (PostgreSQL's materialized ones too) and its definition, in the database's words. */
const VIEWS: Readonly<Record<DialectName, string>> = {
  sqlite: "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name",
  postgresql: `SELECT viewname AS name, false AS materialized, definition FROM pg_views WHERE schemaname = current_schema()
    UNION ALL SELECT matviewname, true, definition FROM pg_matviews WHERE schemaname = current_schema() ORDER BY name`,
  // MySQL qualifies every column with the database's name, which differs between the two databases compared.
  mysql: `SELECT TABLE_NAME, REPLACE(VIEW_DEFINITION, CONCAT('\`', DATABASE(), '\`.'), '') AS definition, CHECK_OPTION
    FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
}

/** Each dialect's catalog queries, the fidelity tests' own (tables, types, partitions, triggers, routines), and its views. */
export const CATALOGS: Readonly<Record<DialectName, CatalogReader>> = Object.fromEntries(
  (['sqlite', 'postgresql', 'mysql'] as const).map((dialect): [DialectName, CatalogReader] => [
    dialect,
    async (db) => ({ ...(await storedCodeCatalog(dialect)(db)), views: await db.query(VIEWS[dialect]) }),
  ]),
) as Record<DialectName, CatalogReader>
