import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConnectionError } from '../../core/error-classes.js'
import { AthanorError } from '../../core/errors.js'

/** The first 16 bytes of every SQLite database file (https://sqlite.org/fileformat.html#the_database_header). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * Refuses a path that SQLite would open without complaint and then fail on,
 * or write to: a folder, a device (`/dev/null` swallows every write and
 * reads back empty, so a migration would seem to succeed), a file this user
 * cannot read, or one that is not a SQLite database at all. Checked before
 * the file is opened, so nothing (no lock file, no journal) is written
 * beside it. A missing file or an empty one is a new database, as SQLite
 * has it; `:memory:` is not a file.
 *
 * @example
 * checkDatabaseFile('/app/app.db') // passes for a SQLite database, a new path or an empty file
 * checkDatabaseFile('/app/README.md') // throws NOT_A_SQLITE_DATABASE: /app/README.md is not a SQLite database …
 */
export function checkDatabaseFile(filename: string): void {
  if (filename === ':memory:' || filename === '') return
  const found = statSync(filename, { throwIfNoEntry: false })
  if (found === undefined) return
  const notDatabase = (why: string): never => {
    throw new AthanorError('NOT_A_SQLITE_DATABASE', `${filename} is not a SQLite database: ${why}; check the sqlite:/// URL`)
  }
  if (found.isDirectory()) notDatabase('it is a folder')
  if (!found.isFile()) notDatabase('it is a device or another special file, not a regular file')
  if (found.size === 0) return
  const header = readHeader(filename)
  if (header.length < SQLITE_HEADER.length || !header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    notDatabase(`the file (${found.size} bytes) does not start with SQLite's header`)
  }
}

function readHeader(filename: string): Buffer {
  let fd: number
  try {
    fd = openSync(filename, 'r')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message
    throw new ConnectionError(`cannot read SQLite database ${filename}: ${reason}`, { server: 'SQLite', file: filename }, { cause: error })
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length)
    const read = readSync(fd, header, 0, header.length, 0)
    return header.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/**
 * The error for a file with SQLite's header whose content SQLite then
 * refuses (`file is not a database`, `database disk image is malformed`),
 * or `undefined` for any other error.
 *
 * @example
 * damagedDatabase('/app/app.db', Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }))
 * // AthanorError NOT_A_SQLITE_DATABASE: /app/app.db is not a SQLite database SQLite can read: file is not a database; …
 */
export function damagedDatabase(filename: string, error: unknown): AthanorError | undefined {
  const code = (error as { code?: unknown }).code
  if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') return undefined
  return new AthanorError(
    'NOT_A_SQLITE_DATABASE',
    `${filename} is not a SQLite database SQLite can read: ${(error as Error).message}; check the sqlite:/// URL, or restore the file`,
    { cause: error },
  )
}

/**
 * The error for a write SQLite could not make to the file: the disk is
 * full, the file or its folder is read-only, or the system refused the
 * write; `undefined` for any other error. The statement's own transaction
 * is the caller's to roll back, as for any failed statement.
 *
 * @example
 * storageFailure('/app/app.db', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))
 * // AthanorError WRITE_FAILED: cannot write SQLite database /app/app.db: the disk is full (database or disk is full)
 */
export function storageFailure(filename: string, error: unknown): AthanorError | undefined {
  const code = String((error as { code?: unknown }).code)
  const why = code.startsWith('SQLITE_READONLY')
    ? (notWritable(filename) ?? 'it is read-only')
    : Object.hasOwn(WRITE_FAILURES, code)
      ? WRITE_FAILURES[code]
      : undefined
  if (why === undefined) return undefined
  return new AthanorError('WRITE_FAILED', `cannot write SQLite database ${filename}: ${why} (${(error as Error).message})`, {
    cause: error,
  })
}

/** SQLite's extended result codes for a write the file system refused (https://sqlite.org/rescode.html). */
const WRITE_FAILURES: Readonly<Record<string, string>> = {
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR_WRITE: 'the system refused the write',
  SQLITE_IOERR_FSYNC: 'the system could not flush the file',
  SQLITE_IOERR_TRUNCATE: 'the system could not truncate the file',
}

/**
 * Why this user cannot write a SQLite database file, or `undefined` when
 * it can (as far as the permissions tell). The folder comes first: SQLite
 * creates its journal beside the file for every write transaction, and
 * athanor its lock file, so a file that is writable in a read-only folder
 * cannot be migrated either.
 *
 * @example
 * notWritable('/srv/readonly/app.db') // 'its folder /srv/readonly is not writable by this user (SQLite writes its journal …)'
 * notWritable('/tmp/app.db') // undefined
 */
export function notWritable(filename: string): string | undefined {
  if (filename === ':memory:' || filename === '') return undefined
  const folder = dirname(filename)
  if (!accessible(folder)) {
    return `its folder ${folder} is not writable by this user (SQLite writes its journal there, and athanor its lock file)`
  }
  if (existsSync(filename) && !accessible(filename)) return 'the file is read-only for this user'
  return undefined
}

function accessible(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}
