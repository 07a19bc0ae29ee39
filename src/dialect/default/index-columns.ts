import { AthanorError } from '../../core/errors.js'
import type { Index } from '../../schema/types.js'
import { columnList } from './constraint.js'
import type { CompileContext } from './context.js'

/**
 * The parenthesised columns of an index on plain columns, each with its
 * prefix length where the dialect has them (MySQL's `` `name`(20) ``);
 * elsewhere the lengths are left out and the whole value is indexed, as
 * SQLAlchemy drops `mysql_length` on the other databases. Lengths are
 * checked, since a script written in JavaScript is not held to the type.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexColumns({ name: 'ix', columns: ['name', 'id'], prefixLengths: { name: 20 } }, ctx)
 * // MySQL: '(`name`(20), `id`)'; PostgreSQL: '("name", "id")'
 */
export function indexColumns(index: Index, ctx: CompileContext): string {
  const lengths = index.prefixLengths
  if (lengths === undefined) return columnList(index.columns, ctx)
  for (const [column, length] of Object.entries(lengths)) {
    if (!index.columns.includes(column))
      throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": prefixLengths names "${column}", which it does not cover`)
    if (!Number.isInteger(length) || length <= 0)
      throw new AthanorError(
        'INVALID_CONSTRAINT',
        `Index "${index.name}": the prefix length of "${column}" must be a positive whole number`,
      )
  }
  if (!ctx.traits.indexPrefixLengths) return columnList(index.columns, ctx)
  const keys = index.columns.map((c) => `${ctx.quoteIdentifier(c)}${lengths[c] === undefined ? '' : `(${lengths[c]})`}`)
  return `(${keys.join(', ')})`
}
