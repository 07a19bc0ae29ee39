import type { DialectName } from '../../src/dialect/types.js'
import { mysqlCatalog } from '../fidelity/mysql-catalog.js'
import { postgresCatalog } from '../fidelity/pg-catalog.js'
import type { CatalogReader } from '../fidelity/round-trip.js'
import { sqliteCatalog } from '../fidelity/sqlite-catalog.js'

/** Each dialect's catalog queries, the fidelity tests' own. */
export const CATALOGS: Readonly<Record<DialectName, CatalogReader>> = {
  sqlite: sqliteCatalog,
  postgresql: postgresCatalog,
  mysql: mysqlCatalog,
}
