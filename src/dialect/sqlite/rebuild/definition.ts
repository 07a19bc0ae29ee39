import type { ReferentialAction } from '../../../schema/types.js'

/**
 * A CREATE TABLE statement cut into its elements, each with its exact text,
 * so a rebuild can carry over what athanor's schema model has no words for
 * (COLLATE, DESC in a key, ON CONFLICT clauses, generated columns, STRICT)
 * and change only what a migration asks for.
 */
export interface TableDefinition {
  readonly name: string
  readonly columns: readonly ColumnDefinition[]
  readonly constraints: readonly TableConstraint[]
  /** What follows the closing parenthesis: `WITHOUT ROWID`, `STRICT`, or ''. */
  readonly options: string
}

/** One column: its name, its declared type and its clauses, each as written. */
export interface ColumnDefinition {
  readonly name: string
  /** The declared type as written, '' when there is none. */
  readonly type: string
  readonly clauses: readonly ColumnClause[]
}

export type ClauseKind = 'primary' | 'notnull' | 'null' | 'unique' | 'check' | 'default' | 'collate' | 'references' | 'generated'

/** A column constraint, `CONSTRAINT name` included in its text when given. */
export interface ColumnClause {
  readonly kind: ClauseKind
  readonly name?: string
  readonly text: string
}

/** A table constraint, with what the rebuild needs to find and rewrite it. */
export interface TableConstraint {
  readonly kind: 'primary' | 'unique' | 'check' | 'foreign'
  readonly name?: string
  readonly text: string
  /** Key columns (primary, unique, foreign); empty for a check. */
  readonly columns: readonly string[]
  /** A check's expression. */
  readonly expression?: string
  readonly referredTable?: string
  readonly referredColumns?: readonly string[]
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
}
