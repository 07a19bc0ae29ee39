import { randomBytes } from 'node:crypto'
import type { DatabaseUrl } from '../../core/database-url.js'
import { AthanorError, isAthanorError } from '../../core/errors.js'
import { openConnection, scratchDatabasesFor } from '../../dialect/registry.js'
import type { ScratchDatabase } from '../../dialect/scratch.js'
import { errorLine } from './outcome.js'

/** A scratch database, and whether it is the `--url` database itself, which must be emptied rather than dropped. */
export interface ChosenScratch {
  readonly scratch: ScratchDatabase
  readonly inPlace: boolean
}

/**
 * A new scratch database beside `server`. Where the server refuses to
 * create one, a database the user named with `--url` (`given`) is used
 * itself, if it holds nothing: then the user said it may be written, and
 * an empty one has no data to lose. The configured database never is.
 *
 * @example
 * const { scratch, inPlace } = await chooseScratch(parseDatabaseUrl('postgresql://ci@db/scratch'), true)
 * scratch.label // 'database athanor_test_… on postgresql://ci@db', or the --url database where none can be created
 */
export async function chooseScratch(server: DatabaseUrl, given: boolean): Promise<ChosenScratch> {
  const name = `athanor_test_${randomBytes(5).toString('hex')}`
  try {
    return { scratch: await scratchDatabasesFor(server).create(server, name, openConnection), inPlace: false }
  } catch (error) {
    if (isAthanorError(error, 'CONNECTION_FAILED')) throw error
    const reason = errorLine(error)
    if (!given) {
      throw new AthanorError(
        'SCRATCH_DATABASE_FAILED',
        `cannot create the scratch database ${name} on ${server.redacted}: ${reason}; athanor test never runs in the configured ` +
          'database: let the user create databases, or name an empty database it may use with --url',
        { cause: error },
      )
    }
    await refuseFilled(server, reason)
    const label = `database ${server.database ?? ''} given with --url (emptied afterwards; no scratch database could be created: ${reason})`
    return { scratch: { url: server, label, singleConnection: false, drop: async () => {} }, inPlace: true }
  }
}

/**
 * An in-place scratch database must be empty, before a test and after it.
 *
 * @example
 * await refuseFilled(parseDatabaseUrl('postgresql://ci@db/scratch'), 'permission denied to create database')
 */
export async function refuseFilled(url: DatabaseUrl, why: string): Promise<void> {
  const connection = await openConnection(url)
  try {
    if (await scratchDatabasesFor(url).isEmpty(connection)) return
  } finally {
    await connection.close().catch(() => undefined)
  }
  throw new AthanorError(
    'SCRATCH_NOT_EMPTY',
    `the database ${url.redacted} holds tables, and athanor test runs only in a database it created or an empty one (${why}); ` +
      'name an empty database with --url',
  )
}
