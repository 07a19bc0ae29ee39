import type { Queryable } from './introspector.js'

/**
 * A schema object the introspector does not model as part of a table
 * (a view, a trigger, a stored routine, a PostgreSQL enum type or
 * sequence), with its definition as the database reports it. `athanor test`
 * compares them before and after a downgrade, so a forgotten `DROP TYPE` or
 * `DROP VIEW` is found.
 *
 * @example
 * const mood: CatalogObject = { kind: 'enum', name: 'public.mood', definition: "'sad', 'happy'" }
 */
export interface CatalogObject {
  readonly kind: string
  readonly name: string
  readonly definition: string
}

/**
 * Reads a database's {@link CatalogObject}s: one dialect's own catalog queries.
 *
 * @example
 * import { dialectNamed, openConnection } from './registry.js'
 * const read: CatalogObjectReader = dialectNamed('sqlite').readCatalogObjects
 * await read(await openConnection(parseDatabaseUrl('sqlite://'))) // []
 */
export type CatalogObjectReader = (db: Queryable) => Promise<CatalogObject[]>

/** Runs of white space made one space, so a definition reads on one line. */
export function oneLine(text: unknown): string {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The objects of one kind a catalog query finds: its rows' `name` and
 * `definition`, each made one line by `clean`.
 *
 * @example
 * import { openConnection } from './registry.js'
 * const db = await openConnection(parseDatabaseUrl('sqlite://'))
 * await readObjects(db, 'view', "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'view'") // []
 */
export async function readObjects(
  db: Queryable,
  kind: string,
  sql: string,
  clean: (text: string) => string = (text) => text,
): Promise<CatalogObject[]> {
  const rows = await db.query(sql)
  return rows.map((row) => ({ kind, name: String(row['name']), definition: clean(oneLine(row['definition'])) }))
}
