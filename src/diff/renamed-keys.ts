import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { CheckConstraint, ForeignKeyConstraint, Index, Table, UniqueConstraint } from '../schema/types.js'
import { withRenamedColumns } from './columns.js'
import { indexKey } from './index-key.js'
import { refOf } from './keys.js'
import { uniqueTraits } from '../schema/unique-deferral.js'

/** A table's constraint and index changes, as diffConstraints sorts them. */
interface TableKeyOps {
  readonly drop: Operation[]
  readonly create: Operation[]
  readonly createForeignKeys: Operation[]
}

/** What diffConstraints matched, for the renames: what it kept by content, and how. */
export interface KeptByContent {
  /** Current column names to target ones. */
  readonly renamed: ReadonlyMap<string, string>
  /** An index on a column dropped and added again: it goes with the column, never renamed. */
  readonly onRegenerated: (index: Index) => boolean
  /** Unique constraints matched by their columns: current, then wanted. */
  readonly keptUniques: readonly (readonly [UniqueConstraint, UniqueConstraint])[]
  /** Foreign keys matched by what they hold: current, then wanted. */
  readonly keptFks: readonly (readonly [ForeignKeyConstraint, ForeignKeyConstraint])[]
}

/**
 * `ops` with what the models only name anew renamed in place, where the
 * database can (`hooks.renames`): a dropped index and a created one equal
 * but for the name become one `rename_index`, so the index is not built
 * again; a unique constraint or foreign key kept by its content under
 * another name, and a named check dropped and added with the same
 * expression, become a `rename_constraint`. Without these a rename was
 * either a rebuild of the index or, for the constraints matched by
 * content, no change at all: `check` passed on a database whose names
 * differ from the models'. A new name already taken by the table (two
 * indexes swapping names) keeps the drop and the create.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const columns = [{ name: 'a', type: { kind: 'integer' } }] as const
 * const was: Table = { name: 't', columns: [...columns], indexes: [{ name: 'ix_a', columns: ['a'] }] }
 * const wanted: Table = { name: 't', columns: [...columns], indexes: [{ name: 'ix_t_a', columns: ['a'] }] }
 * const ops = {
 *   drop: [{ kind: 'drop_index', table: 't', name: 'ix_a', existing: was.indexes![0] }],
 *   create: [{ kind: 'create_index', table: 't', index: wanted.indexes![0]! }],
 *   createForeignKeys: [],
 * } satisfies { drop: Operation[]; create: Operation[]; createForeignKeys: Operation[] }
 * const kept = { renamed: new Map(), onRegenerated: () => false, keptUniques: [], keptFks: [] }
 * renamedInPlace(ops, was, wanted, diffHooksFor('postgresql'), kept).create
 * // [{ kind: 'rename_index', table: 't', name: 'ix_a', newName: 'ix_t_a', existing: { name: 'ix_a', columns: ['a'] } }]
 */
export function renamedInPlace<T extends TableKeyOps>(ops: T, current: Table, target: Table, hooks: DiffHooks, kept: KeptByContent): T {
  const { indexes, constraints, remade = [] } = hooks.renames
  if (!indexes && constraints.length === 0 && remade.length === 0) return ops
  const ref = refOf(target)
  const key = (name: string) => hooks.nameKey(name)
  const drop = [...ops.drop]
  const create = [...ops.create]
  // Names the table holds now: a rename to one of them would collide before its owner goes.
  const held = new Set(
    [
      ...(current.indexes ?? []),
      ...(current.uniqueConstraints ?? []),
      ...(current.checkConstraints ?? []),
      ...(current.foreignKeys ?? []),
    ].flatMap((held) => (held.name === undefined ? [] : [key(held.name)])),
  )
  const wantedIndexNames = new Set((target.indexes ?? []).map((index) => key(index.name)))
  const wantedCheckNames = new Set((target.checkConstraints ?? []).flatMap((check) => (check.name === undefined ? [] : [key(check.name)])))

  /** Replaces the create at `at` and the drop `dropped` with `rename` (and what else the renamed one needs). */
  const pair = (at: number, dropped: Operation, ...rename: Operation[]) => {
    drop.splice(drop.indexOf(dropped), 1)
    create.splice(at, 1, ...rename)
  }

  if (indexes) {
    for (const [at, made] of create.entries()) {
      if (made.kind !== 'create_index' || held.has(key(made.index.name))) continue
      const sameIndex = indexKey(made.index, target, hooks)
      const gone = drop.find(
        (op) =>
          op.kind === 'drop_index' &&
          op.existing !== undefined &&
          !wantedIndexNames.has(key(op.name)) &&
          !kept.onRegenerated(op.existing) &&
          indexKey(op.existing, current, hooks) === sameIndex,
      )
      if (gone?.kind !== 'drop_index') continue
      const existing = gone.existing === undefined ? {} : { existing: gone.existing }
      // Renamed, it keeps its visibility to the optimizer: one the models show or hide anew is altered after.
      const invisible = made.index.invisible === true
      const shown =
        hooks.indexTraits.indexVisibility && (gone.existing?.invisible === true) !== invisible
          ? [{ kind: 'alter_index' as const, ...ref, name: made.index.name, invisible }]
          : []
      pair(at, gone, { kind: 'rename_index', ...ref, name: gone.name, newName: made.index.name, ...existing }, ...shown)
    }
  }

  if (constraints.includes('check')) {
    const sameCheck = (was: CheckConstraint, wanted: CheckConstraint) =>
      hooks.checkKey(kept.renamed.size === 0 ? was.expression : withRenamedColumns(was.expression, kept.renamed)) ===
        hooks.checkKey(wanted.expression) && (was.noInherit === true) === (wanted.noInherit === true)
    for (const [at, made] of create.entries()) {
      if (made.kind !== 'create_check_constraint' || made.constraint.name === undefined || held.has(key(made.constraint.name))) continue
      const wanted = made.constraint
      const gone = drop.find(
        (op) =>
          op.kind === 'drop_constraint' &&
          op.type === 'check' &&
          op.name !== '' &&
          !wantedCheckNames.has(key(op.name)) &&
          op.existing !== undefined &&
          'expression' in op.existing &&
          sameCheck(op.existing, wanted),
      )
      if (gone?.kind !== 'drop_constraint' || gone.existing === undefined) continue
      pair(at, gone, { kind: 'rename_constraint', ...ref, name: gone.name, newName: wanted.name!, type: 'check', existing: gone.existing })
    }
  }

  // Kept by content, under names that differ.
  const namedAnew = <C extends UniqueConstraint | ForeignKeyConstraint>(pairs: readonly (readonly [C, C])[]) =>
    pairs.filter(([was, wanted]) => was.name !== undefined && wanted.name !== undefined && key(was.name) !== key(wanted.name))
  const renamedUnder = <C extends UniqueConstraint | ForeignKeyConstraint>(
    type: 'unique' | 'foreignkey',
    pairs: readonly (readonly [C, C])[],
  ): Operation[] =>
    namedAnew(pairs)
      .filter(([, wanted]) => !held.has(key(wanted.name!)))
      // A foreign key goes with the models' form, its columns as any renamed in this migration leave them: the rename
      // runs after them (and before them, undone), and MySQL adds the key again from it.
      .map(([was, wanted]) => ({
        kind: 'rename_constraint',
        ...ref,
        name: was.name!,
        newName: wanted.name!,
        type,
        existing: type === 'foreignkey' ? wanted : was,
      }))
  if (constraints.includes('unique')) create.push(...renamedUnder('unique', kept.keptUniques))
  if (constraints.includes('foreignkey')) create.push(...renamedUnder('foreignkey', kept.keptFks))
  // Where they cannot be renamed: dropped, and made again under the new name.
  const createForeignKeys = [...ops.createForeignKeys]
  if (remade.includes('unique')) {
    for (const [was, wanted] of namedAnew(kept.keptUniques)) {
      drop.push({ kind: 'drop_constraint', ...ref, name: was.name!, type: 'unique', existing: was })
      create.push({
        kind: 'create_unique_constraint',
        ...ref,
        constraint: { name: wanted.name!, columns: wanted.columns, ...uniqueTraits(wanted) },
      })
    }
  }
  if (remade.includes('foreignkey')) {
    for (const [was, wanted] of namedAnew(kept.keptFks)) {
      drop.push({ kind: 'drop_constraint', ...ref, name: was.name!, type: 'foreignkey', existing: was })
      createForeignKeys.push({ kind: 'create_foreign_key', ...ref, constraint: wanted })
    }
  }
  return { ...ops, drop, create, createForeignKeys }
}
