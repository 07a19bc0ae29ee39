import type { DialectName } from '../core/dialect-name.js'
import type { Operation } from '../ops/operation.js'

/**
 * A translated statement: an operation, or operations that only some
 * dialects run (`if op.get_bind().dialect.name == 'postgresql':` in the
 * Python, `if (op.dialect === 'postgresql')` in the TypeScript).
 */
export type BodyStatement =
  | { readonly kind: 'op'; readonly op: Operation }
  | {
      readonly kind: 'if'
      readonly dialects: readonly DialectName[]
      readonly body: readonly BodyStatement[]
      readonly otherwise: readonly BodyStatement[]
    }

/** A body translated whole, or the first statement that could not be, and why. */
export type TranslatedBody =
  | {
      readonly kind: 'ops'
      readonly statements: readonly BodyStatement[]
      /** It must run outside a transaction: an autocommit block, or an index built or dropped concurrently. */
      readonly autocommit?: boolean
    }
  | { readonly kind: 'manual'; readonly line: number; readonly reason: string }
