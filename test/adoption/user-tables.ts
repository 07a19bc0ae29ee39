import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { dialectNamed, openConnection } from '../../src/dialect/registry.js'
import type { Table } from '../../src/schema/types.js'
import type { TestDatabase } from '../helpers/databases.js'

/** The tables of the database at `url` as athanor reads them, Alembic's version table left out. */
export async function userTables(url: string): Promise<Table[]> {
  const connection = await openConnection(parseDatabaseUrl(url))
  try {
    return (await dialectNamed(connection.dialect).introspect(connection)).filter((t) => !t.name.startsWith('alembic_version'))
  } finally {
    await connection.close()
  }
}

/** The database's URL as SQLAlchemy names it, with the driver Debian's Python has (psycopg2, PyMySQL). */
export function sqlalchemyUrl(db: TestDatabase): string {
  return db.dialect === 'mysql' ? db.url.replace(/^mysql:/, 'mysql+pymysql:') : db.url
}
