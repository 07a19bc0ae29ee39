// Runs a folder of Kysely migrations up to the latest or down to none, as a
// Kysely project's own script would (Kysely ships no CLI).
//
//   node bench/peers/kysely-migrate.mjs sqlite|postgresql|mysql URL FOLDER up|down
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Kysely, Migrator, MysqlDialect, NO_MIGRATIONS, PostgresDialect, SqliteDialect } from 'kysely'

const [dialectName, url, folder, verb] = process.argv.slice(2)

async function dialect() {
  if (dialectName === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    return new SqliteDialect({ database: new Database(url.slice('sqlite:///'.length)) })
  }
  if (dialectName === 'postgresql') {
    const { default: pg } = await import('pg')
    return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) })
  }
  const { createPool } = await import('mysql2')
  return new MysqlDialect({ pool: createPool({ uri: url, connectionLimit: 1 }) })
}

const provider = {
  async getMigrations() {
    const migrations = {}
    for (const name of readdirSync(folder).sort()) migrations[name] = await import(pathToFileURL(join(folder, name)).href)
    return migrations
  },
}

const db = new Kysely({ dialect: await dialect() })
const migrator = new Migrator({ db, provider })
const { error } = verb === 'down' ? await migrator.migrateTo(NO_MIGRATIONS) : await migrator.migrateToLatest()
await db.destroy()
if (error) {
  console.error(error)
  process.exit(1)
}
