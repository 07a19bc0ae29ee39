import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { UnmanagedObject } from '../dialect/introspector.js'
import type { StoredCode } from '../schema/stored-code.js'
import type { View } from '../schema/view.js'

/**
 * The catalog reads a comparison makes after its diff (views, triggers and
 * routines, what it does not manage), asked for as it begins, so that a
 * server answers them while the models load and the tables compare, instead
 * of after: on MariaDB they were a fifth of `check` on 500 tables, waited
 * for one by one. They read the connection's own schema; a comparison that
 * names other schemas reads again (`undefined`). `withObjects` false asks
 * only for what is not managed, where the models describe no views or
 * stored code of this database.
 *
 * @example
 * import { dialectNamed, openConnection } from '../dialect/registry.js'
 * const connection = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * const early = prefetchCatalog(dialectNamed('mysql'), connection, true)
 * const views = await early.views([]) // the views, read while the rest went on
 */
export function prefetchCatalog(dialect: Dialect, connection: DatabaseConnection, withObjects = true): CatalogPrefetch {
  // A database the models' views and stored code do not describe (not a multi-database project's first) compares neither.
  const none = Promise.resolve([] as never)
  const views = withObjects ? dialect.views.read(connection, { schemas: [] }) : none
  const code = withObjects ? dialect.storedCode.read(connection, { schemas: [] }) : none
  const unmanaged = dialect.unmanaged(connection, { schemas: [] })
  // Awaited only if the comparison gets that far; a failure before then must not go unobserved.
  for (const read of [views, code, unmanaged]) read.catch(() => undefined)
  const own =
    <T>(read: Promise<T>) =>
    (schemas: readonly string[]) =>
      schemas.length === 0 ? read : undefined
  return { views: own(views), code: own(code), unmanaged: own(unmanaged) }
}

/** Reads begun early, each for the schemas a comparison turns out to name: `undefined` where it must read again. */
export interface CatalogPrefetch {
  readonly views: (schemas: readonly string[]) => Promise<View[]> | undefined
  readonly code: (schemas: readonly string[]) => Promise<StoredCode> | undefined
  readonly unmanaged: (schemas: readonly string[]) => Promise<UnmanagedObject[]> | undefined
}
