import type { DatabaseConnection } from '../dialect/driver.js'
import type { RenderedRevision } from './replay-script.js'

/**
 * Past this much text a batch is sent and the next one begun, so a history
 * of thousands of revisions is not one string in the database's memory.
 */
const BATCH_CHARS = 4 * 1024 * 1024

/**
 * Runs rendered revisions on a shadow database in a few multi-statement
 * texts instead of a round trip per statement: on PGlite each call crosses
 * into WebAssembly and back, which for a 500-table history cost more than
 * the DDL itself. A revision that must run outside a transaction is sent a
 * statement at a time, as a live run sends it. A failure says only that the
 * batch failed, not which revision: the caller replays again one by one to
 * name it.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * declare const connection: DatabaseConnection
 * const text = 'BEGIN;\n\nCREATE TABLE t (id int);\n\nCOMMIT;\n\n'
 * await runBatched(connection, [{ revision: 'ae10', text, statements: ['CREATE TABLE t (id int)'], transactional: true }])
 */
export async function runBatched(connection: DatabaseConnection, revisions: readonly RenderedRevision[]): Promise<void> {
  let batch: string[] = []
  let size = 0
  const flush = async () => {
    if (batch.length > 0) await connection.execute({ sql: batch.join('') })
    batch = []
    size = 0
  }
  for (const revision of revisions) {
    if (!revision.transactional) {
      await flush()
      for (const sql of revision.statements) await connection.execute({ sql })
      continue
    }
    batch.push(revision.text)
    size += revision.text.length
    if (size >= BATCH_CHARS) await flush()
  }
  await flush()
}
