// Applies a drizzle-kit migrations folder with drizzle-orm's migrate(), as an
// application calls it at start-up.
//
//   node bench/peers/drizzle-migrate.mjs sqlite|postgresql|mysql URL FOLDER
const [dialect, url, migrationsFolder] = process.argv.slice(2)

if (dialect === 'sqlite') {
  const { default: Database } = await import('better-sqlite3')
  const { drizzle } = await import('drizzle-orm/better-sqlite3')
  const { migrate } = await import('drizzle-orm/better-sqlite3/migrator')
  const client = new Database(url.slice('sqlite:///'.length))
  migrate(drizzle(client), { migrationsFolder })
  client.close()
} else if (dialect === 'postgresql') {
  const { default: pg } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const { migrate } = await import('drizzle-orm/node-postgres/migrator')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await migrate(drizzle(client), { migrationsFolder })
  await client.end()
} else {
  const { createConnection } = await import('mysql2/promise')
  const { drizzle } = await import('drizzle-orm/mysql2')
  const { migrate } = await import('drizzle-orm/mysql2/migrator')
  const client = await createConnection({ uri: url })
  await migrate(drizzle(client, { mode: 'default' }), { migrationsFolder })
  await client.end()
}
