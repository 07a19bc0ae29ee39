import Database from 'better-sqlite3'
import { parseDatabaseUrl } from 'athanor'
import { DATABASE_NAMES, type DatabaseName } from '../settings.js'

/** One open connection per database of the application. */
export type Connections = Readonly<Record<DatabaseName, Database.Database>>

/**
 * Opens every database. `fileMustExist`: a missing file means the instance
 * folder is wrong or was never migrated, and creating an empty database here
 * would hide that until the first query.
 */
export function openConnections(urls: Readonly<Record<DatabaseName, string>>): Connections {
  const open = (name: DatabaseName) => {
    const { dialect, filename } = parseDatabaseUrl(urls[name])
    if (dialect !== 'sqlite' || filename === undefined) throw new Error(`database ${name}: MARS-labs runs on SQLite, got ${urls[name]}`)
    const db = new Database(filename, { fileMustExist: true })
    // SQLite leaves foreign keys off per connection unless asked.
    db.pragma('foreign_keys = ON')
    return db
  }
  const entries = DATABASE_NAMES.map((name) => [name, open(name)] as const)
  return Object.fromEntries(entries) as Record<DatabaseName, Database.Database>
}

export function closeConnections(connections: Connections): void {
  for (const db of Object.values(connections)) db.close()
}
