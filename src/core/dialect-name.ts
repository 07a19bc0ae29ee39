/**
 * The database families athanor speaks to and the URL schemes that name
 * them. Each family is one `Dialect` in `src/dialect/<name>/`, registered in
 * `src/dialect/registry.ts`, whose table is keyed by these names: a name
 * added here does not compile until its dialect exists.
 *
 * `file` URLs name a database file (`sqlite:///app.db`); `server` URLs name
 * a host, port, user and database.
 */
export const DIALECT_URLS = {
  sqlite: { schemes: ['sqlite'], kind: 'file' },
  postgresql: { schemes: ['postgresql', 'postgres'], kind: 'server' },
  mysql: { schemes: ['mysql', 'mariadb'], kind: 'server' },
} as const satisfies Record<string, { readonly schemes: readonly string[]; readonly kind: 'file' | 'server' }>

/**
 * URL schemes that name a driver as well as a family: `pglite://` is
 * PostgreSQL reached through PGlite, an embedded PostgreSQL whose database
 * is a data directory (or memory), so its URLs are `file` URLs.
 */
export const DRIVER_URLS = {
  pglite: { dialect: 'postgresql', driver: 'pglite' },
} as const satisfies Record<string, { readonly dialect: keyof typeof DIALECT_URLS; readonly driver: string }>

/**
 * The database families athanor speaks to. MariaDB is the `mysql` family.
 * User scripts may branch on it (`op.dialect`); athanor's own code outside
 * `src/dialect/` asks the dialect instead.
 *
 * @example
 * const name: DialectName = 'postgresql'
 */
export type DialectName = keyof typeof DIALECT_URLS

/**
 * The dialect a URL scheme names (`postgres` and `postgresql` are one), or
 * `undefined` for a scheme athanor does not know.
 *
 * @example
 * dialectOfScheme('mariadb') // 'mysql'
 */
export function dialectOfScheme(scheme: string): DialectName | undefined {
  const lower = scheme.toLowerCase()
  return (Object.keys(DIALECT_URLS) as DialectName[]).find((name) => (DIALECT_URLS[name].schemes as readonly string[]).includes(lower))
}
