import type { DialectName } from '../../src/dialect/types.js'
import type { TestDatabase } from '../helpers/databases.js'
import { mysqlCatalog } from './mysql-catalog.js'
import { postgresCatalog } from './pg-catalog.js'
import type { CatalogReader } from './round-trip.js'
import { sqliteCatalog } from './sqlite-catalog.js'

/** Each trigger with its table, timing, events and body, and each routine with its signature and body: the databases' own words. */
const QUERIES: Readonly<Record<DialectName, Readonly<Record<string, string>>>> = {
  sqlite: {
    triggers: "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
  },
  postgresql: {
    triggers: `SELECT t.tgname, c.relname, t.tgtype, t.tgenabled, t.tgfoid::regproc::text AS function,
        pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal ORDER BY t.tgname`,
    routines: `SELECT p.proname, p.prokind, pg_get_function_arguments(p.oid) AS arguments, p.prorettype::regtype::text AS returns,
        l.lanname, p.provolatile, p.prosrc
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.pronamespace = current_schema()::regnamespace ORDER BY p.proname`,
  },
  mysql: {
    triggers: `SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER, ACTION_TIMING, ACTION_STATEMENT,
        ACTION_ORIENTATION
      FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME`,
    routines: `SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS,
        SECURITY_TYPE,
        (SELECT GROUP_CONCAT(CONCAT_WS(' ', PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER) ORDER BY ORDINAL_POSITION)
          FROM information_schema.PARAMETERS p
          WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.ROUTINE_NAME AND p.ORDINAL_POSITION > 0) AS params
      FROM information_schema.ROUTINES r WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME`,
  },
}

const TABLES: Readonly<Record<DialectName, CatalogReader>> = { sqlite: sqliteCatalog, postgresql: postgresCatalog, mysql: mysqlCatalog }

/**
 * A dialect's fidelity catalog (tables, columns, keys, …) with its
 * triggers and routines added, read by catalog queries of their own rather
 * than by athanor's introspection.
 */
export function storedCodeCatalog(dialect: DialectName): CatalogReader {
  return async (db: TestDatabase) => {
    const catalog = await TABLES[dialect](db)
    for (const [name, sql] of Object.entries(QUERIES[dialect])) catalog[name] = await db.query(sql)
    return catalog
  }
}
