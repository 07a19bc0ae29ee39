import type { Operation } from '../ops/operation.js'
import { flagName } from './rename-flag-names.js'
import type { TableName } from './options.js'

/**
 * A dropped and an added table, column of one table, partition of one
 * parent or sequence of one schema (PostgreSQL), that may be one thing
 * renamed: autogenerate never guesses a rename, so without an answer it
 * writes a drop and an add, which loses the rows (a sequence: its place).
 */
export interface PossibleRename {
  /**
   * `elsewhere`: a table the models add, created anew while a table of its
   * name stays, with its rows, in a schema the models do not name
   * (PostgreSQL: moved out by an earlier migration and back now); nothing
   * is dropped, `kept` names that table.
   */
  readonly kind: 'table' | 'column' | 'partition' | 'sequence' | 'elsewhere'
  /**
   * The table the columns belong to, or the partitions' parent (`schema.name` where a schema is given);
   * absent for tables and sequences.
   */
  readonly table?: string
  readonly dropped: readonly string[]
  readonly added: readonly string[]
  /** The table left where it is (`elsewhere` only). */
  readonly kept?: string
  /** The flag that would make it a rename, for the first pair. */
  readonly flag: string
}

const qualified = (table: string, schema?: string) => (schema === undefined ? table : `${schema}.${table}`)
/** The name as a rename flag writes it: quoted where it holds `.` or `:` (see flagName). */
const flagged = (name: string, schema?: string) => (schema === undefined ? flagName(name) : flagName(schema, name))

/**
 * The drops and adds in `ops` that could be renames: every table with both a
 * dropped and an added column (inside a batch too), the dropped and added
 * tables when there are both, and likewise the partitions of each parent and
 * the sequences of each schema (all named by `--rename-table`); and each
 * table of `elsewhere` (schemas the models do not name, see the diff
 * options) whose name a created table takes: the old side of a move back.
 *
 * @example
 * possibleRenames([
 *   { kind: 'drop_column', table: 'users', column: 'bio' },
 *   { kind: 'add_column', table: 'users', column: { name: 'about', type: { kind: 'text' } } },
 * ])
 * // [{ kind: 'column', table: 'users', dropped: ['bio'], added: ['about'], flag: '--rename-column users.bio:about' }]
 */
export function possibleRenames(ops: readonly Operation[], elsewhere: readonly TableName[] = []): PossibleRename[] {
  const columns = new Map<string, { flag: string; dropped: string[]; added: string[] }>()
  const tables = { dropped: [] as Named[], added: [] as Named[] }
  const columnsOf = (table: string, schema: string | undefined) => {
    const found = columns.get(qualified(table, schema))
    if (found !== undefined) return found
    const entry = { flag: flagged(table, schema), dropped: [] as string[], added: [] as string[] }
    columns.set(qualified(table, schema), entry)
    return entry
  }
  const visit = (op: Operation) => {
    if (op.kind === 'batch_alter_table') for (const inner of op.ops) visit(inner)
    else if (op.kind === 'drop_column') columnsOf(op.table, op.schema).dropped.push(op.column)
    else if (op.kind === 'add_column') columnsOf(op.table, op.schema).added.push(op.column.name)
    else if (op.kind === 'drop_table') tables.dropped.push(named(op.table, op.schema))
    else if (op.kind === 'create_table') tables.added.push(named(op.table.name, op.table.schema))
  }
  for (const op of ops) visit(op)
  const found: PossibleRename[] = []
  const shown = (both: { dropped: Named[]; added: Named[] }) => ({
    dropped: both.dropped.map((n) => n.shown),
    added: both.added.map((n) => n.shown),
  })
  if (tables.dropped.length > 0 && tables.added.length > 0) {
    found.push({ kind: 'table', ...shown(tables), flag: `--rename-table ${likelyTablePair(tables.dropped, tables.added)}` })
  }
  for (const [parent, both] of partitionsByParent(ops)) {
    const [was, now] = [both.dropped[0], both.added[0]]
    if (was !== undefined && now !== undefined)
      found.push({ kind: 'partition', table: parent, ...shown(both), flag: `--rename-table ${was.flag}:${now.flag}` })
  }
  for (const both of sequencesBySchema(ops).values()) {
    const [was, now] = [both.dropped[0], both.added[0]]
    if (was !== undefined && now !== undefined)
      found.push({ kind: 'sequence', ...shown(both), flag: `--rename-table ${was.flag}:${now.flag}` })
  }
  found.push(...movesBack(tables.added, elsewhere))
  for (const [table, both] of columns) {
    // A column dropped and added under one name is made again (a generated column's new expression), not renamed.
    const again = new Set(both.dropped.filter((name) => both.added.includes(name)))
    const dropped = both.dropped.filter((name) => !again.has(name))
    const added = both.added.filter((name) => !again.has(name))
    if (dropped.length > 0 && added.length > 0) {
      const flag = `--rename-column ${both.flag}.${flagName(dropped[0]!)}:${flagName(added[0]!)}`
      found.push({ kind: 'column', table, dropped, added, flag })
    }
  }
  return found
}

/** A table, partition or sequence: as a message shows it, as a flag writes it, and its name alone. */
interface Named {
  readonly shown: string
  readonly flag: string
  readonly name: string
}

const named = (name: string, schema?: string): Named => ({ shown: qualified(name, schema), flag: flagged(name, schema), name })

type DroppedAdded = { dropped: Named[]; added: Named[] }

function entryOf(groups: Map<string, DroppedAdded>, key: string): DroppedAdded {
  const found = groups.get(key)
  if (found !== undefined) return found
  const entry: DroppedAdded = { dropped: [], added: [] }
  groups.set(key, entry)
  return entry
}

/** The dropped and the created partitions, by parent (`schema.name` where a schema is given). */
function partitionsByParent(ops: readonly Operation[]): Map<string, DroppedAdded> {
  const groups = new Map<string, DroppedAdded>()
  for (const op of ops) {
    // A drop that does not say its parent cannot be matched with a create: it is left out.
    if (op.kind === 'drop_partition' && op.existing !== undefined) {
      const { parent, parentSchema, schema } = op.existing
      entryOf(groups, qualified(parent, parentSchema ?? schema)).dropped.push(named(op.name, op.schema))
    } else if (op.kind === 'create_partition') {
      const { name, schema, parent, parentSchema } = op.partition
      entryOf(groups, qualified(parent, parentSchema ?? schema)).added.push(named(name, schema))
    }
  }
  return groups
}

/** The dropped and the created sequences, by schema. */
function sequencesBySchema(ops: readonly Operation[]): Map<string, DroppedAdded> {
  const groups = new Map<string, DroppedAdded>()
  for (const op of ops) {
    if (op.kind === 'drop_sequence') entryOf(groups, op.schema ?? '').dropped.push(named(op.name, op.schema))
    else if (op.kind === 'create_sequence') {
      entryOf(groups, op.sequence.schema ?? '').added.push(named(op.sequence.name, op.sequence.schema))
    }
  }
  return groups
}

/** The tables of `elsewhere` whose name a created table (in another schema) takes, each with the flag that moves it back. */
function movesBack(created: readonly Named[], elsewhere: readonly TableName[]): PossibleRename[] {
  return elsewhere.flatMap((was) => {
    const now = created.find((table) => table.name === was.name && table.shown !== qualified(was.name, was.schema))
    if (now === undefined || was.schema === undefined) return []
    const old = named(was.name, was.schema)
    return [{ kind: 'elsewhere', dropped: [], added: [now.shown], kept: old.shown, flag: `--rename-table ${old.flag}:${now.flag}` }]
  })
}

/** `OLD:NEW` for the flag: a table that kept its name in another schema, when there is one, else the first of each. */
function likelyTablePair(dropped: readonly Named[], added: readonly Named[]): string {
  for (const was of dropped) {
    const moved = added.find((now) => now.name === was.name)
    if (moved !== undefined) return `${was.flag}:${moved.flag}`
  }
  return `${dropped[0]!.flag}:${added[0]!.flag}`
}

/**
 * One line per possible rename, for a warning and for the script's comment.
 *
 * @example
 * describePossibleRename({ kind: 'column', table: 'users', dropped: ['bio'], added: ['about'], flag: '--rename-column users.bio:about' })
 * // 'users: column bio is dropped and about added; if it is a rename, run again with --rename-column users.bio:about'
 */
export function describePossibleRename(rename: PossibleRename): string {
  if (rename.kind === 'elsewhere') {
    return (
      `table ${rename.added.join(', ')} is created, while ${rename.kept} stays, with its rows, in a schema the models no longer name; ` +
      `if the table moved back, run again with ${rename.flag}`
    )
  }
  const list = (names: readonly string[]) => names.join(', ')
  const what = rename.kind
  const prefix = rename.table === undefined ? '' : `${rename.table}: `
  const several = rename.dropped.length > 1
  const verbs = `${what}${several ? 's' : ''} ${list(rename.dropped)} ${several ? 'are' : 'is'} dropped and ${list(rename.added)} added`
  return `${prefix}${verbs}; if it is a rename, run again with ${rename.flag}`
}
