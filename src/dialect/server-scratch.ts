import type { DatabaseUrl } from '../core/database-url.js'
import type { DatabaseConnection } from './driver.js'
import { onSameServer, type ScratchDatabase } from './scratch.js'

/** A server dialect's statements for a scratch database of a given name. */
export interface ScratchStatements {
  create(name: string): string
  /** Drops it with whatever sessions are still open on it. */
  drop(name: string): string
  /** Run in the new database before it is used: what the server URL expects to find there (PostgreSQL: its schema). */
  prepare?(url: DatabaseUrl): readonly string[]
}

/**
 * Creates a scratch database beside the server URL's database, through a
 * connection to that URL that only sends CREATE DATABASE, and drops it on
 * a connection of its own: the URL's database is never read or written.
 *
 * @example
 * import { openConnection } from './registry.js'
 * const statements: ScratchStatements = { create: (n) => `CREATE DATABASE "${n}"`, drop: (n) => `DROP DATABASE "${n}"` }
 * const server = parseDatabaseUrl('postgresql://postgres@127.0.0.1/app')
 * const scratch = await createServerScratch(server, 'athanor_test_1', openConnection, statements)
 * await scratch.drop()
 */
export async function createServerScratch(
  server: DatabaseUrl,
  name: string,
  open: (url: DatabaseUrl) => Promise<DatabaseConnection>,
  statements: ScratchStatements,
): Promise<ScratchDatabase> {
  const onServer = (work: (connection: DatabaseConnection) => Promise<void>) => withOpen(open, server, work)
  await onServer((admin) => admin.execute({ sql: statements.create(name) }))
  const url = onSameServer(server, name)
  const prepare = statements.prepare?.(server) ?? []
  if (prepare.length > 0) {
    const bare: DatabaseUrl = { ...url, params: withoutSchema(url.params) }
    const { schema: _schema, ...unqualified } = bare
    await withOpen(open, unqualified, async (connection) => {
      for (const sql of prepare) await connection.execute({ sql })
    })
  }
  return {
    url,
    label: `database ${name} on ${url.redacted.replace(/\/[^/?#]*(\?.*)?$/, '')}`,
    singleConnection: false,
    drop: () => onServer((admin) => admin.execute({ sql: statements.drop(name) })),
  }
}

async function withOpen(
  open: (url: DatabaseUrl) => Promise<DatabaseConnection>,
  url: DatabaseUrl,
  work: (connection: DatabaseConnection) => Promise<void>,
): Promise<void> {
  const connection = await open(url)
  try {
    await work(connection)
  } finally {
    await connection.close().catch(() => undefined)
  }
}

function withoutSchema(params: Readonly<Record<string, string>>): Record<string, string> {
  const { schema: _schema, currentSchema: _current, options: _options, ...rest } = params
  return rest
}
