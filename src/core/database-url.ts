import { isAbsolute, resolve } from 'node:path'
import { AthanorError } from './errors.js'
import { DIALECT_URLS, DRIVER_URLS, dialectOfScheme, type DialectName } from './dialect-name.js'

/**
 * A parsed SQLAlchemy-style database URL. `sqlite:///relative.db` is relative
 * to the working directory, `sqlite:////abs/path.db` absolute, `sqlite://`
 * in memory, as SQLAlchemy reads them.
 *
 * @example
 * const url: DatabaseUrl = parseDatabaseUrl('postgresql://app:secret@db:5433/shop?schema=billing')
 * url.host // 'db'
 * url.schema // 'billing'
 * url.redacted // 'postgresql://app:***@db:5433/shop?schema=billing'
 */
export interface DatabaseUrl {
  readonly dialect: DialectName
  /** The driver a `scheme+driver://` suffix names, lower-cased; the dialect's default when absent or unknown. */
  readonly driver?: string
  /** The URL with any password replaced by `***`: safe to print. */
  readonly redacted: string
  /** SQLite: the file path; PGlite: the data directory; either `:memory:` for a database in memory. */
  readonly filename?: string
  readonly host?: string
  readonly port?: number
  readonly user?: string
  readonly password?: string
  readonly database?: string
  /** PostgreSQL: the schema named by `?schema=` (or, on a server, `?options=-csearch_path=`). */
  readonly schema?: string
  readonly params: Readonly<Record<string, string>>
}

/**
 * Parses a database URL. A driver suffix (`postgresql+psycopg2://`) is accepted,
 * so URLs copied from a SQLAlchemy project work; its name is kept as `driver`.
 * `pglite:///dir` is PostgreSQL through PGlite, its data directory read as
 * SQLite's file is (`pglite://` is in memory).
 *
 * @example
 * parseDatabaseUrl('sqlite:///app.db').filename // → '<cwd>/app.db'
 * parseDatabaseUrl('pglite:///db/pgdata').driver // → 'pglite'
 * parseDatabaseUrl('postgresql://u:secret@db/app').redacted // → 'postgresql://u:***@db/app'
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseUrl {
  const match = /^([a-zA-Z][a-zA-Z0-9]*)(?:\+([a-zA-Z0-9_]+))?:\/\/(.*)$/s.exec(url.trim())
  if (!match) {
    throw new AthanorError('INVALID_URL', `invalid database URL ${redactUrl(url)}: expected scheme://…, e.g. sqlite:///app.db`)
  }
  const scheme = match[1]!.toLowerCase()
  const rest = match[3]!
  const driver = match[2]?.toLowerCase()
  if (Object.hasOwn(DRIVER_URLS, scheme)) {
    const implied = DRIVER_URLS[scheme as keyof typeof DRIVER_URLS]
    const parsed = parseFileUrl(implied.dialect, rest, url, cwd, scheme)
    const schema = parsed.params['schema']
    return { ...parsed, driver: implied.driver, ...(schema ? { schema } : {}) }
  }
  const dialect = dialectOfScheme(scheme)
  if (!dialect) {
    throw new AthanorError(
      'UNSUPPORTED_DIALECT',
      `unsupported database URL scheme '${scheme}' in ${redactUrl(url)}: use sqlite://, postgresql://, mysql:// or pglite://`,
    )
  }
  const parsed = DIALECT_URLS[dialect].kind === 'file' ? parseFileUrl(dialect, rest, url, cwd, scheme) : parseServerUrl(dialect, url)
  return driver === undefined ? parsed : { ...parsed, driver }
}

const FILE_URL_NAMES: Readonly<Record<string, { readonly what: string; readonly example: string }>> = {
  sqlite: { what: 'SQLite', example: 'sqlite:///relative.db or sqlite:////absolute/path.db' },
  pglite: { what: 'PGlite', example: 'pglite:///relative/dir or pglite:////absolute/dir' },
}

function parseFileUrl(dialect: DialectName, rest: string, url: string, cwd: string, scheme: string): DatabaseUrl {
  const [pathPart, query = ''] = splitOnce(rest, '?')
  const params = Object.fromEntries(new URLSearchParams(query))
  // SQLAlchemy: 'sqlite://' and 'sqlite:///:memory:' are in memory (PGlite's URLs read the same); after
  // the third slash comes the path, so a fourth slash makes it absolute.
  if (pathPart === '' || pathPart === '/:memory:' || pathPart === ':memory:') {
    return { dialect, redacted: redactUrl(url), filename: ':memory:', params }
  }
  if (!pathPart.startsWith('/')) {
    const names = FILE_URL_NAMES[scheme] ?? FILE_URL_NAMES['sqlite']!
    throw new AthanorError('INVALID_URL', `invalid ${names.what} URL ${redactUrl(url)}: use ${names.example}`)
  }
  const path = uriPath(decodeURIComponent(pathPart.slice(1)), params)
  const filename = isAbsolute(path) ? path : resolve(cwd, path)
  return { dialect, redacted: redactUrl(url), filename, params }
}

/**
 * With SQLAlchemy's `?uri=true`, the path is a SQLite URI
 * (https://sqlite.org/uri.html): `sqlite:///file:app.db?mode=ro&uri=true`
 * names app.db, and `file:///abs/app.db` an absolute path, not a file
 * called `file:app.db`.
 */
function uriPath(path: string, params: Readonly<Record<string, string>>): string {
  if (!/^(true|1|yes|on)$/i.test(params['uri'] ?? '') || !path.startsWith('file:')) return path
  const rest = path.slice('file:'.length)
  return rest.startsWith('//') ? rest.slice(2).replace(/^localhost(?=\/)/i, '') : rest
}

function parseServerUrl(dialect: DialectName, url: string): DatabaseUrl {
  let parsed: URL
  try {
    // WHATWG URL only parses special schemes' hosts loosely; any scheme works for
    // the authority part once it is 'x://'.
    parsed = new URL(url.replace(/^[^:]+:/, 'db:'))
  } catch {
    throw new AthanorError('INVALID_URL', `invalid database URL ${redactUrl(url)}`)
  }
  const params: Record<string, string> = Object.fromEntries(parsed.searchParams)
  const searchPath = /-c\s*search_path=([^\s,]+)/.exec(params['options'] ?? '')?.[1]
  const schema = params['schema'] ?? params['currentSchema'] ?? searchPath
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined
  return {
    dialect,
    redacted: redactUrl(url),
    host: parsed.hostname ? decodeURIComponent(parsed.hostname) : '127.0.0.1',
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(database ? { database } : {}),
    ...(schema ? { schema } : {}),
    params,
  }
}

/** Query parameters that carry a credential, compared decoded and lower-cased. */
const SECRET_PARAMETERS = new Set(['password', 'pass', 'pwd', 'sslpassword'])

/**
 * Replaces the password of every URL in a text (and any credential
 * parameter: `password=`, `sslpassword=`, percent-encoded names too) with
 * `***`. Works on text that is not a valid URL, and on URLs inside a longer
 * message (`unexpected argument 'postgresql://u:***@h/db'`).
 *
 * @example
 * redactUrl('mysql://root:hunter2@localhost/app') // → 'mysql://root:***@localhost/app'
 * redactUrl('unknown option --uri=postgresql://u:pw@h/db?sslpassword=k')
 * // → 'unknown option --uri=postgresql://u:***@h/db?sslpassword=***'
 */
export function redactUrl(url: string): string {
  // The password runs to the '@' that the host follows, the last one before
  // the path, not the first: `u:p@ss@host` is user u, password p@ss (as
  // WHATWG and the drivers read it), and stopping at the first '@' would
  // print the rest. A raw '/', '?' or '#' in it is covered too.
  return url
    .replace(/([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^:/?#@\s'"]*):[^\s'"]*?@(?=[^@\s/?#'"]*(?:[/?#\s'"]|$))/g, '$1:***@')
    .replace(/([?&;])([^=&;\s'"]+)=([^&;\s'"]*)/g, (whole, separator: string, name: string) =>
      SECRET_PARAMETERS.has(decodedName(name)) ? `${separator}${name}=***` : whole,
    )
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name).toLowerCase()
  } catch {
    return name.toLowerCase()
  }
}

/**
 * The password written in a URL, read the way {@link redactUrl} finds it,
 * even when the URL is too broken to parse; `undefined` when it has none.
 *
 * @example
 * passwordInUrl('postgresql://u:p@ss@host/db') // → 'p@ss'
 */
export function passwordInUrl(url: string): string | undefined {
  const raw = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^:/?#@\s]*:(\S*?)@(?=[^@\s/?#]*(?:[/?#\s]|$))/.exec(url)?.[1]
  if (!raw) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * Removes every occurrence of the secrets in a URL from a text: driver
 * errors sometimes echo the connection string or the password itself.
 */
export function scrubSecrets(text: string, url: { readonly password?: string } | undefined): string {
  let out = redactUrl(text)
  const secret = url?.password
  if (secret && secret.length > 0) out = out.split(secret).join('***')
  if (secret && secret !== encodeURIComponent(secret)) out = out.split(encodeURIComponent(secret)).join('***')
  return out
}

/**
 * The same server reached for another database or schema: the URL's
 * `database` (its path) or `schema` (`?schema=`, replacing any search_path
 * in `?options=`) changed, and its redacted text with them. The password
 * stays in the fields, never in the text.
 *
 * @example
 * retargetUrl(parseDatabaseUrl('mysql://root:pw@db/control'), { database: 'shop_1' }).redacted // 'mysql://root:***@db/shop_1'
 * retargetUrl(parseDatabaseUrl('postgresql://app@db/app'), { schema: 'tenant_1' }).redacted // 'postgresql://app@db/app?schema=tenant_1'
 */
export function retargetUrl(url: DatabaseUrl, change: { readonly database?: string; readonly schema?: string }): DatabaseUrl {
  const [head, query = ''] = splitOnce(url.redacted, '?')
  const path =
    change.database === undefined ? head : head.replace(/^([^:]+:\/\/[^/]*)(?:\/.*)?$/, `$1/${encodeURIComponent(change.database)}`)
  const shown = new URLSearchParams(query)
  const params = { ...url.params }
  if (change.schema !== undefined) {
    // The driver sets search_path from `schema` only when `options` does not set it.
    const replaced = ['currentSchema', ...(/search_path/.test(params['options'] ?? '') ? ['options'] : [])]
    for (const key of replaced) {
      shown.delete(key)
      delete params[key]
    }
    shown.set('schema', change.schema)
    params['schema'] = change.schema
  }
  const search = shown.toString()
  return { ...url, ...change, redacted: search === '' ? path : `${path}?${search}`, params }
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator)
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)]
}
