import { fileURLToPath } from 'node:url'

// Where the application's databases and migrations are. The migrations
// config imports `databaseUrls` from here, so the application and athanor
// always agree on which file is which database (Flask-Migrate gets the same
// guarantee by reading SQLALCHEMY_BINDS from the Flask app).

/** The database names of the original application: the default one and its two binds. */
export const DATABASE_NAMES = ['default', 'db1', 'db2'] as const
export type DatabaseName = (typeof DATABASE_NAMES)[number]

// The files of the Flask app's `instance/` folder. Relative `sqlite:///`
// URLs are relative to the working directory, as in SQLAlchemy.
const DEFAULT_URLS: Readonly<Record<DatabaseName, string>> = {
  default: 'sqlite:///instance/default.db',
  db1: 'sqlite:///instance/database1.db',
  db2: 'sqlite:///instance/database2.db',
}

// athanor's own variables for a multi-database project: DATABASE_URL for the
// default database, DATABASE_URL_<NAME> for the others. Reading the same
// ones means a deployment that moves a database moves it for both.
const VARIABLES: Readonly<Record<DatabaseName, string>> = {
  default: 'DATABASE_URL',
  db1: 'DATABASE_URL_DB1',
  db2: 'DATABASE_URL_DB2',
}

/**
 * The URL of each database: its environment variable, else the instance file.
 *
 * @example
 * databaseUrls({}).db1 // → 'sqlite:///instance/database1.db'
 */
export function databaseUrls(env: NodeJS.ProcessEnv = process.env): Record<DatabaseName, string> {
  const url = (name: DatabaseName) => env[VARIABLES[name]] ?? DEFAULT_URLS[name]
  return { default: url('default'), db1: url('db1'), db2: url('db2') }
}

/** The committed migrations folder, wherever the process runs from. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url))
