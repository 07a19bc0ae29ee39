import type { DiffHooks } from '../dialect/diff-hooks.js'
import { commentOperation } from '../ops/comment-op.js'
import type { Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'
import { primaryKeyColumns, refOf } from './keys.js'

const shown = (table: Table) => (table.schema === undefined ? table.name : `${table.schema}.${table.name}`)

/**
 * The change of a table's comment, where the dialect keeps comments (none on SQLite).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * tableComment({ name: 't', columns: [] }, { name: 't', columns: [], comment: 'notes' }, diffHooksFor('postgresql'))
 * // [{ kind: 'set_table_comment', table: 't', comment: 'notes', existing: null }]
 */
export function tableComment(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  const existing = was.comment ?? null
  const comment = wanted.comment ?? null
  if (!hooks.comments || existing === comment) return []
  return [{ kind: 'set_table_comment', ...refOf(wanted), comment, existing }]
}

/**
 * MySQL/MariaDB: an engine, character set or collation the models change on
 * an existing table, as a note the author acts on. Each rebuilds the table,
 * and a new character set also converts its columns' text (ALTER TABLE …
 * CONVERT TO), which is the author's call; no change passes unseen.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * tableOptionNotes({ name: 't', columns: [] }, { name: 't', columns: [], mysql: { engine: 'MyISAM' } }, diffHooksFor('mysql'))
 * // [{ kind: 'execute', sql: '-- table t: engine innodb -> myisam. …' }]
 */
export function tableOptionNotes(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.tableEngines) return []
  // Absent, they are what athanor creates: InnoDB, utf8mb4 in the server's default collation.
  const engine = (table: Table) => (table.mysql?.engine ?? 'InnoDB').toLowerCase()
  const charset = (table: Table) => (table.mysql?.charset ?? 'utf8mb4').toLowerCase()
  const collate = (table: Table) => table.mysql?.collate?.toLowerCase()
  const name = shown(wanted)
  const notes: Operation[] = []
  if (engine(was) !== engine(wanted)) {
    notes.push(
      commentOperation(
        `table ${name}: engine ${engine(was)} -> ${engine(wanted)}. Write ALTER TABLE … ENGINE=${wanted.mysql?.engine ?? 'InnoDB'} ` +
          'here by hand: it rebuilds the table.',
      ),
    )
  }
  const wantedCollate = collate(wanted)
  // The catalog leaves out utf8mb4's default collation, which the models may name: only a known one is compared.
  const collationChanges = wantedCollate !== undefined && collate(was) !== undefined && wantedCollate !== collate(was)
  if (charset(was) !== charset(wanted) || collationChanges) {
    const to = `${wanted.mysql?.charset ?? 'utf8mb4'}${wantedCollate === undefined ? '' : ` COLLATE ${wanted.mysql?.collate}`}`
    notes.push(
      commentOperation(
        `table ${name}: character set ${charset(was)}${collate(was) === undefined ? '' : ` (${collate(was)})`} -> ${to}. ` +
          `Write ALTER TABLE … CONVERT TO CHARACTER SET ${to} here by hand: it rewrites every text column.`,
      ),
    )
  }
  return notes
}

/**
 * A primary key the models give other columns than the table's, as a note
 * the author acts on: no operation adds a primary key, and changing one
 * rewrites the table and may fail on the rows, which is the author's call.
 * It is never passed over as no change.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const id = { name: 'id', type: { kind: 'integer' }, primaryKey: true } as const
 * primaryKeyNote({ name: 't', columns: [id] }, { name: 't', columns: [{ ...id, primaryKey: false }] }, new Map(), diffHooksFor('sqlite'))
 * // [{ kind: 'execute', sql: '-- table t: primary key (id) -> none. …' }]
 */
export function primaryKeyNote(was: Table, wanted: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): Operation[] {
  const had = primaryKeyColumns(was).map((name) => hooks.nameKey(renamed.get(name) ?? name))
  const wants = primaryKeyColumns(wanted).map((name) => hooks.nameKey(name))
  // The columns the key carries, as the migration's renames leave them: PostgreSQL follows a rename itself.
  const carried = (table: Table, names: ReadonlyMap<string, string>) =>
    hooks.indexTraits.indexInclude && table.primaryKey?.include !== undefined && table.primaryKey.include.length > 0
      ? ` INCLUDE (${table.primaryKey.include.map((column) => names.get(column) ?? column).join(', ')})`
      : ''
  // A prefix is part of what the key holds unique, where the dialect keys prefixes (MySQL).
  const prefixes = (table: Table, names: ReadonlyMap<string, string>) =>
    hooks.indexTraits.indexPrefixLengths && table.primaryKey?.prefixLengths !== undefined
      ? ` PREFIX ${Object.entries(table.primaryKey.prefixLengths)
          .map(([column, length]) => `${names.get(column) ?? column}(${length})`)
          .join(', ')}`
      : ''
  const deferral = (table: Table, names: ReadonlyMap<string, string> = new Map()) =>
    prefixes(table, names) +
    carried(table, names) +
    (table.primaryKey?.deferrable !== true
      ? ''
      : table.primaryKey.initiallyDeferred === true
        ? ' DEFERRABLE INITIALLY DEFERRED'
        : ' DEFERRABLE')
  if (had.join('\0') === wants.join('\0') && deferral(was, renamed) === deferral(wanted)) return []
  const name = shown(wanted)
  const list = (columns: readonly string[], table: Table) => (columns.length === 0 ? 'none' : `(${columns.join(', ')})${deferral(table)}`)
  return [
    commentOperation(
      `table ${name}: primary key ${list(primaryKeyColumns(was), was)} -> ${list(primaryKeyColumns(wanted), wanted)}. ` +
        'Write the change here by hand: it rewrites the table, and fails on rows the new key does not fit.',
    ),
  ]
}

/**
 * A SERIAL column drawing from another sequence than the models name, as a
 * note: renaming the sequence is the author's call, as code may call
 * `nextval()` on either name.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const id = (sequence: string) =>
 *   ({ name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering: { kind: 'serial', sequence } }) as const
 * const [was, wanted] = [{ name: 'b', columns: [id('a_id_seq')] }, { name: 'b', columns: [id('b_id_seq')] }]
 * serialSequenceNotes(was, wanted, new Map(), diffHooksFor('postgresql'))
 * // [{ kind: 'execute', sql: '-- column b.id: draws from sequence a_id_seq, the models name b_id_seq. …' }]
 */
export function serialSequenceNotes(was: Table, wanted: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): Operation[] {
  const wantedColumns = new Map(wanted.columns.map((c) => [hooks.nameKey(c.name), c]))
  const notes: Operation[] = []
  for (const column of was.columns) {
    const target = wantedColumns.get(hooks.nameKey(renamed.get(column.name) ?? column.name))
    const from = column.numbering?.kind === 'serial' ? column.numbering.sequence : undefined
    const to = target?.numbering?.kind === 'serial' ? target.numbering.sequence : undefined
    if (from === undefined || to === undefined || from === to) continue
    notes.push(
      commentOperation(
        `column ${wanted.name}.${target!.name}: draws from sequence ${from}, the models name ${to}. Write ALTER SEQUENCE … ` +
          'RENAME TO here by hand, once nothing calls nextval() on the old name.',
      ),
    )
  }
  return notes
}

/**
 * A table whose STRICT or WITHOUT ROWID differs from the models' (SQLite),
 * as a note: SQLite sets both only when a table is made, and no ALTER
 * TABLE changes them.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * sqliteTableOptionNotes({ name: 't', columns: [] }, { name: 't', columns: [], sqlite: { strict: true } }, diffHooksFor('sqlite'))
 * // [{ kind: 'execute', sql: '-- table t: not STRICT -> STRICT. …' }]
 */
export function sqliteTableOptionNotes(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.sqliteTableOptions) return []
  const notes: Operation[] = []
  for (const [key, words] of [
    ['strict', 'STRICT'],
    ['withoutRowid', 'WITHOUT ROWID'],
  ] as const) {
    const from = was.sqlite?.[key] === true
    const to = wanted.sqlite?.[key] === true
    if (from === to) continue
    notes.push(
      commentOperation(
        `table ${shown(wanted)}: ${from ? words : `not ${words}`} -> ${to ? words : `not ${words}`}. SQLite sets it only when ` +
          'a table is made: write here by hand the CREATE TABLE of a new table with it, the INSERT … SELECT of the rows, ' +
          'the DROP TABLE of this one and the ALTER TABLE … RENAME TO of the new one.',
      ),
    )
  }
  // AUTOINCREMENT (never reuse a rowid) is the key's, written only in CREATE TABLE too.
  const counting = (table: Table) =>
    table.columns
      .filter((c) => c.autoincrement === true)
      .map((c) => hooks.nameKey(c.name))
      .join(',')
  if (counting(was) !== counting(wanted)) {
    const describe = (table: Table) => counting(table) || 'none'
    notes.push(
      commentOperation(
        `table ${shown(wanted)}: AUTOINCREMENT ${describe(was)} -> ${describe(wanted)}. SQLite sets it only when a table is ` +
          'made: write here by hand the CREATE TABLE of a new table with it, the INSERT … SELECT of the rows, ' +
          'the DROP TABLE of this one and the ALTER TABLE … RENAME TO of the new one.',
      ),
    )
  }
  return notes
}

/**
 * A table whose UNLOGGED or storage parameters differ from the models'
 * (PostgreSQL), as a note with the statement to write: SET LOGGED and SET
 * UNLOGGED rewrite the whole table under an exclusive lock, which is the
 * author's call, and a storage parameter set or reset applies only to rows
 * written after it.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const [plain, unlogged] = [{ name: 't', columns: [] }, { name: 't', columns: [], postgresql: { unlogged: true } }]
 * postgresTableOptionNotes(plain, unlogged, diffHooksFor('postgresql'))
 * // [{ kind: 'execute', sql: '-- table t: logged -> UNLOGGED. …' }]
 */
export function postgresTableOptionNotes(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.postgresTableOptions) return []
  const notes: Operation[] = []
  const unlogged = (table: Table) => table.postgresql?.unlogged === true
  if (unlogged(was) !== unlogged(wanted)) {
    const to = unlogged(wanted) ? 'UNLOGGED' : 'LOGGED'
    notes.push(
      commentOperation(
        `table ${shown(wanted)}: ${unlogged(was) ? 'UNLOGGED' : 'logged'} -> ${unlogged(wanted) ? 'UNLOGGED' : 'logged'}. ` +
          `Write ALTER TABLE … SET ${to} here by hand: it rewrites the table under an exclusive lock.`,
      ),
    )
  }
  const storage = (table: Table) =>
    Object.entries(table.postgresql?.storage ?? {})
      .map(([name, value]) => `${name}=${String(value)}`)
      .sort()
      .join(', ')
  if (storage(was) !== storage(wanted)) {
    notes.push(
      commentOperation(
        `table ${shown(wanted)}: storage parameters (${storage(was)}) -> (${storage(wanted)}). ` +
          'Write ALTER TABLE … SET (…) and RESET (…) here by hand: they apply to the rows written after them.',
      ),
    )
  }
  return notes
}
