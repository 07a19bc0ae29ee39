import type { ScratchDatabases } from '../scratch.js'
import { pgliteBuild } from './pglite-template.js'
import { postgresqlScratch } from './scratch.js'

/**
 * PGlite's scratch database is a new one in memory, not a database created
 * beside the URL's: a PGlite instance holds one database and serves one
 * session. It keeps the URL's parameters (its `?extensions=`).
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const scratch = await pgliteScratch.create(parseDatabaseUrl('pglite:///db/pgdata?extensions=pg_trgm'), 'unused', openConnection)
 * scratch.label // 'PGlite in memory'
 */
export const pgliteScratch: ScratchDatabases = {
  create: async (server) => ({
    url: { dialect: 'postgresql', driver: 'pglite', redacted: 'pglite://', filename: ':memory:', params: server.params },
    label: 'PGlite in memory',
    singleConnection: true,
    drop: async () => {},
  }),
  isEmpty: postgresqlScratch.isEmpty,
  catalogIdentity: (server) => {
    const build = pgliteBuild()
    return build === undefined ? undefined : JSON.stringify(['pglite', build, Object.entries(server.params).sort()])
  },
}
