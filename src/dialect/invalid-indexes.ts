import type { DatabaseConnection } from './driver.js'
import type { Statement } from './compile-types.js'

/**
 * An index the database keeps but does not use: PostgreSQL marks one
 * INVALID (`pg_index.indisvalid = false`) when a `CREATE INDEX CONCURRENTLY`
 * fails or its session dies after the index's catalog entry was committed.
 * It is still updated on every write and blocks a new index of its name.
 *
 * @example
 * const left: InvalidIndex = { schema: 'public', table: 'items', name: 'ix_items_name', qualifiedName: '"public"."ix_items_name"' }
 */
export interface InvalidIndex {
  readonly schema: string
  readonly table: string
  readonly name: string
  /** The index's name as SQL writes it, schema-qualified and quoted. */
  readonly qualifiedName: string
}

/**
 * Where an index a statement creates lives: its schema (that of its
 * table), its table and its name.
 *
 * @example
 * const built: CreatedIndex = { schema: 'public', table: 'items', name: 'ix_items_name' }
 */
export interface CreatedIndex {
  readonly schema: string
  readonly table: string
  readonly name: string
}

/**
 * How a dialect finds and clears the indexes an interrupted build left
 * behind, so `resolve --retry` can build them again and `current` can say
 * they are there.
 *
 * @example
 * import type { DatabaseConnection } from './driver.js'
 * import { dialectNamed } from './registry.js'
 * declare const connection: DatabaseConnection
 * const check = dialectNamed('postgresql').invalidIndexes
 * for (const index of (await check?.read(connection)) ?? []) console.log(check?.drop(index).sql)
 */
export interface InvalidIndexes {
  /** Every invalid index in the database, except those a build is still working on. */
  read(connection: DatabaseConnection): Promise<InvalidIndex[]>
  /**
   * The indexes `statements` create, named as the catalog names them (an
   * unqualified table resolved the way the connection resolves it). An
   * index the statement leaves the server to name is not among them.
   */
  createdBy(connection: DatabaseConnection, statements: readonly string[]): Promise<CreatedIndex[]>
  /** The statement that drops an invalid index without blocking the table's writers. */
  drop(index: InvalidIndex): Statement
}

/**
 * The invalid indexes of the database behind `connection`, for `current`
 * and any other report; none where a failed index build leaves nothing
 * behind (SQLite, MySQL/MariaDB).
 *
 * @example
 * import type { DatabaseConnection } from './driver.js'
 * import { dialectNamed } from './registry.js'
 * declare const connection: DatabaseConnection
 * const invalid = await readInvalidIndexes(dialectNamed(connection.dialect), connection)
 * invalid.map((index) => index.qualifiedName) // e.g. ['"public"."ix_items_name"']
 */
export async function readInvalidIndexes(
  dialect: { readonly invalidIndexes: InvalidIndexes | null },
  connection: DatabaseConnection,
): Promise<InvalidIndex[]> {
  return (await dialect.invalidIndexes?.read(connection)) ?? []
}
