import { AthanorError } from '../../core/errors.js'
import { unknownKeys } from '../../core/unknown-keys.js'

/** How a `sqlite:///` URL's query string asks for its file to be opened. */
export interface SqliteOpenOptions {
  /** `?mode=ro`: read-only, and the file must exist. */
  readonly readOnly: boolean
  /** `?mode=ro` or `?mode=rw`: a missing file is an error, not a new database. */
  readonly mustExist: boolean
}

/**
 * The options SQLAlchemy hands to Python's sqlite3.connect rather than to
 * SQLite (its pysqlite dialect): `sqlite:///app.db?timeout=30` is a working
 * Flask or SQLAlchemy URL. They set up the Python connection, not the file,
 * so athanor accepts them and they change nothing here.
 */
const PYTHON_DRIVER_OPTIONS = ['timeout', 'check_same_thread', 'isolation_level', 'detect_types', 'cached_statements']

/**
 * SQLite's URI `mode` (https://sqlite.org/uri.html#urimode): `ro`, `rw`
 * or `rwc` (the default: read-write, made when missing). `memory` is
 * `sqlite://` in athanor's URLs.
 */
const MODES: Readonly<Record<string, SqliteOpenOptions>> = {
  ro: { readOnly: true, mustExist: true },
  rw: { readOnly: false, mustExist: true },
  rwc: { readOnly: false, mustExist: false },
}

/**
 * The open options a SQLite URL's query string gives. `mode` is honoured;
 * `uri=true`, which SQLAlchemy needs before it reads `mode`, is accepted
 * (its `file:` path is read in parseDatabaseUrl), and so are the options of
 * Python's sqlite3 driver that SQLAlchemy URLs carry, which change nothing
 * here. Any other option is refused, naming it, rather than ignored: a `?mode=ro` that was dropped silently once opened the file
 * read-write.
 *
 * @example
 * sqliteOpenOptions({ mode: 'ro', uri: 'true' }, 'sqlite:///app.db?mode=ro&uri=true') // { readOnly: true, mustExist: true }
 * sqliteOpenOptions({}, 'sqlite:///app.db') // { readOnly: false, mustExist: false }
 * sqliteOpenOptions({ cache: 'shared' }, 'sqlite:///app.db?cache=shared') // throws INVALID_URL: … unknown option 'cache' …
 */
export function sqliteOpenOptions(params: Readonly<Record<string, string>>, redacted: string): SqliteOpenOptions {
  const unknown = unknownKeys(Object.keys(params), ['mode', 'uri', ...PYTHON_DRIVER_OPTIONS], 'option')
  if (unknown !== undefined) throw new AthanorError('INVALID_URL', `SQLite URL ${redacted}: ${unknown}`)
  const mode = params['mode'] ?? 'rwc'
  const options = Object.hasOwn(MODES, mode) ? MODES[mode] : undefined
  if (options === undefined) {
    throw new AthanorError('INVALID_URL', `SQLite URL ${redacted}: mode must be ro, rw or rwc, not '${mode}'`)
  }
  return options
}
