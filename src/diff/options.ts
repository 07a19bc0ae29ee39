import type { SchemaObjects } from '../schema/pg-objects.js'
import type { Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'

/**
 * A table by name, as the rename resolver is asked about it.
 *
 * @example
 * const users: TableName = { name: 'users', schema: 'auth' }
 */
export interface TableName {
  readonly name: string
  readonly schema?: string
}

/**
 * What a rename resolver's `tables` is asked about: tables, or PostgreSQL's
 * partitions or sequences.
 *
 * @example
 * const kind: RenamedRelation = 'sequence'
 */
export type RenamedRelation = 'table' | 'partition' | 'sequence'

/**
 * Decides renames, which the differ never guesses: asked with what vanished
 * and what appeared, it answers the pairs that are renames; the rest are
 * dropped and added. The CLI answers from `--rename-table`/`--rename-column`
 * or a prompt; tests pass their own.
 *
 * @example
 * const resolver: RenameResolver = { tables: async () => [], columns: async () => [] }
 */
export interface RenameResolver {
  /**
   * `home` is the schema a table without one lives in (PostgreSQL's `public`), so `public.log` may name `log`.
   * PostgreSQL's partitions (those of one parent) and sequences (those of one schema) are asked about here too,
   * `kind` saying which: they are relations with a table's name, one namespace with the tables.
   */
  tables(
    dropped: readonly TableName[],
    added: readonly TableName[],
    home?: string,
    kind?: RenamedRelation,
  ): Promise<ReadonlyArray<readonly [TableName, TableName]>>
  columns(table: TableName, dropped: readonly string[], added: readonly string[]): Promise<ReadonlyArray<readonly [string, string]>>
  /**
   * Renames the resolver was told of that matched no dropped and added pair
   * (`--rename-column users.bio:about` while the models add no `about`):
   * asked once the diff is done, so a mistyped rename fails instead of
   * turning into a drop and an add.
   */
  unmatched?(): readonly string[]
}

/**
 * A resolver that answers "no renames".
 *
 * @example
 * const ops = await autogenerate([], [], { hooks: diffHooksFor('mysql'), renames: noRenames })
 */
export const noRenames: RenameResolver = {
  tables: async () => [],
  columns: async () => [],
}

export interface DiffOptions {
  readonly hooks: DiffHooks
  readonly renames?: RenameResolver
  /** False for tables the diff must leave alone (athanor's own, config exclusions). */
  readonly include?: (table: TableName) => boolean
  /**
   * PostgreSQL's enum types, extensions and sequences, as the database has
   * them and as the models want them; `home` is the connection's own schema,
   * which the catalog reads as no schema.
   */
  readonly objects?: { readonly current: SchemaObjects; readonly target: SchemaObjects; readonly home?: string }
  /**
   * Tables of the database in schemas the models do not name, each named as
   * a table the models add: never compared nor dropped, only offered to the
   * resolver as the old side of a move (a table moved out of its schema by
   * an earlier migration and back now). One not confirmed is left where it
   * is: `possibleRenames(ops, elsewhere)` names the flag that moves it.
   */
  readonly elsewhere?: readonly Table[]
}
