import type { InvalidIndex } from '../command/current.js'
import { info, type CliIo } from './io.js'
import { named } from './verbs/shared.js'

/**
 * One warning line per invalid index, on stderr, so a script reading the
 * revisions from stdout reads them as before.
 */
export function warnInvalidIndexes(io: CliIo, indexes: readonly InvalidIndex[], database?: string): void {
  for (const index of indexes) {
    info(
      io,
      named(
        database,
        `warning: index ${index.qualifiedName} on table ${index.table} is INVALID (an index build did not finish): ` +
          "queries do not use it, writes still update it; 'athanor resolve REV --retry' builds it again " +
          'when the unresolved migration REV built it, else drop it with DROP INDEX CONCURRENTLY',
      ),
    )
  }
}
