import type { View } from '../schema/view.js'

/**
 * `op.createView(...)` as data. `orReplace` writes CREATE OR REPLACE where
 * the dialect has it; a PostgreSQL materialized view, which has none, is
 * kept where one stands with this text and made again otherwise.
 *
 * @example
 * const create: CreateViewOp = { kind: 'create_view', view: { name: 'active_users', definition: 'SELECT id FROM users WHERE active' } }
 */
export interface CreateViewOp {
  readonly kind: 'create_view'
  readonly view: View
  readonly orReplace?: boolean
}

/**
 * `op.dropView(...)` as data; autogenerate fills `existing` so the downgrade
 * can create the view again.
 *
 * @example
 * const drop: DropViewOp = { kind: 'drop_view', name: 'active_users' }
 */
export interface DropViewOp {
  readonly kind: 'drop_view'
  readonly name: string
  readonly schema?: string
  readonly materialized?: boolean
  /** `DROP VIEW IF EXISTS`, so a script outside a transaction can run again after it stopped halfway. */
  readonly ifExists?: boolean
  /** The view as it was, when known: what the reverse creates. */
  readonly existing?: View
}

/**
 * `op.replaceView(...)` as data: a view given a new definition. Where the
 * dialect cannot replace it in place (SQLite, a materialized view, a
 * PostgreSQL view whose columns change) it is dropped and created.
 *
 * @example
 * const replace: ReplaceViewOp = {
 *   kind: 'replace_view',
 *   view: { name: 'active_users', definition: 'SELECT id, email FROM users WHERE active' },
 *   existing: { name: 'active_users', definition: 'SELECT id FROM users WHERE active' },
 * }
 */
export interface ReplaceViewOp {
  readonly kind: 'replace_view'
  readonly view: View
  /** The view as it was, when known: what the reverse puts back. */
  readonly existing?: View
}

/**
 * `op.setViewComment(...)` as data (PostgreSQL): the view's comment
 * (`null`: none), and, for the reverse, the one it had.
 *
 * @example
 * const comment: SetViewCommentOp = { kind: 'set_view_comment', name: 'active_users', comment: 'who signed in lately', existing: null }
 */
export interface SetViewCommentOp {
  readonly kind: 'set_view_comment'
  readonly name: string
  readonly schema?: string
  readonly materialized?: boolean
  readonly comment: string | null
  readonly existing?: string | null
}

/**
 * Every operation on a view.
 *
 * @example
 * const ops: ViewOperation[] = [{ kind: 'drop_view', name: 'old_report' }]
 */
export type ViewOperation = CreateViewOp | DropViewOp | ReplaceViewOp | SetViewCommentOp
