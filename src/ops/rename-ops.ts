import type { CheckConstraint, ForeignKeyConstraint, Index, UniqueConstraint } from '../schema/types.js'

/**
 * `op.renameIndex(...)` as data: the index keeps its definition and its
 * data, only its name changes (no rebuild, unlike a drop and a create).
 * `existing` is the index as it was, which SQLite, having no rename, needs
 * to make it again under the new name.
 *
 * @example
 * const rename: RenameIndexOp = { kind: 'rename_index', table: 'users', name: 'ix_email', newName: 'ix_users_email' }
 */
export interface RenameIndexOp {
  readonly kind: 'rename_index'
  /** The index's table: MySQL renames an index through its table; '' where the dialect needs none. */
  readonly table: string
  readonly schema?: string
  readonly name: string
  readonly newName: string
  readonly existing?: Index
}

/**
 * `op.renameConstraint(...)` as data: a unique, foreign-key or check
 * constraint under a new name, its rows not checked again. PostgreSQL
 * renames each kind; MySQL a unique constraint (it is an index there) and
 * a foreign key, which it adds again from `existing`, the key as it is.
 *
 * @example
 * const rename: RenameConstraintOp = {
 *   kind: 'rename_constraint',
 *   table: 'users',
 *   name: 'users_email_key',
 *   newName: 'uq_users_email',
 *   type: 'unique',
 * }
 */
export interface RenameConstraintOp {
  readonly kind: 'rename_constraint'
  readonly table: string
  readonly schema?: string
  readonly name: string
  readonly newName: string
  /** `exclusion`: PostgreSQL's EXCLUDE constraint. */
  readonly type: 'unique' | 'foreignkey' | 'check' | 'exclusion'
  readonly existing?: UniqueConstraint | ForeignKeyConstraint | CheckConstraint
}

/**
 * The renames of a table's indexes and constraints.
 *
 * @example
 * const ops: RenameOperation[] = [{ kind: 'rename_index', table: 't', name: 'a', newName: 'b' }]
 */
export type RenameOperation = RenameIndexOp | RenameConstraintOp
