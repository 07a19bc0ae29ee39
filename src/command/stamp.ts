import { type DatabaseStamp, type StampOptions, stampDatabases } from '../runtime/stamp-databases.js'

export type { DatabaseStamp, StampOptions }

/**
 * What a stamp did: one entry per database, in config order; a
 * single-database project has one.
 *
 * @example
 * const { databases } = await stamp({ directory: 'migrations' }, ['head'])
 * for (const { database, from, to } of databases) console.log(database ?? 'database', from, '->', to)
 */
export interface StampResult {
  readonly databases: readonly DatabaseStamp[]
}

/**
 * Sets the version table to the given revisions without running any
 * migration (`flask db stamp`): for a database whose schema is already there.
 * It takes the migration lock like a run, records itself in the history
 * table, and settles any failed or unfinished step: a stamp declares the
 * database's state, which is what resolving one does.
 *
 * @example
 * await stamp({ url: 'sqlite:///app.db' }, ['head'])
 * await stamp({ directory: 'migrations', db: 'db1' }, ['head']) // one database of several
 */
export async function stamp(options: StampOptions, targets: readonly string[]): Promise<StampResult> {
  return { databases: await stampDatabases(options, targets) }
}
