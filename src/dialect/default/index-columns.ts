import { AthanorError } from '../../core/errors.js'
import type { Index } from '../../schema/types.js'
import type { CompileContext } from './context.js'

/** An operator class as a bare, possibly schema-qualified word: it is spliced into the statement, so nothing else gets through. */
const OPERATOR_CLASS = /^[a-z_][a-z0-9_$]*(?:\.[a-z_][a-z0-9_$]*)?$/i

/**
 * Refuses per-key options that name no key of the index or hold a value no
 * database takes, since a script written in JavaScript is not held to the type.
 */
function checkKeyOptions(index: Index): void {
  const keyed: ReadonlyArray<readonly [string, Readonly<Record<string, string>> | undefined, (value: string) => boolean]> = [
    ['order', index.order, (v) => v === 'asc' || v === 'desc'],
    ['nulls', index.nulls, (v) => v === 'first' || v === 'last'],
    ['opclass', index.opclass, (v) => typeof v === 'string' && OPERATOR_CLASS.test(v)],
  ]
  for (const [option, values, valid] of keyed) {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (!index.columns.includes(key))
        throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": ${option} names "${key}", which it does not cover`)
      if (!valid(value))
        throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": ${option} ${JSON.stringify(value)} of "${key}" is not valid`)
    }
  }
}

/**
 * What follows a key: its operator class, `DESC`, and `NULLS FIRST|LAST`,
 * each only where the dialect keeps it (see the index traits).
 */
function keySuffix(index: Index, key: string, ctx: CompileContext): string {
  const opclass = ctx.traits.indexOperatorClasses ? index.opclass?.[key] : undefined
  const nulls = ctx.traits.indexNullsOrder ? index.nulls?.[key] : undefined
  return `${opclass === undefined ? '' : ` ${opclass}`}${index.order?.[key] === 'desc' ? ' DESC' : ''}${
    nulls === undefined ? '' : ` NULLS ${nulls.toUpperCase()}`
  }`
}

/**
 * The parenthesised columns of an index on plain columns, each with its
 * prefix length where the dialect has them (MySQL's `` `name`(20) ``);
 * elsewhere the lengths are left out and the whole value is indexed, as
 * SQLAlchemy drops `mysql_length` on the other databases. Each key is
 * followed by its operator class, direction and NULLs order where the
 * dialect keeps them. Lengths are checked, since a script written in
 * JavaScript is not held to the type.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexColumns({ name: 'ix', columns: ['name', 'id'], prefixLengths: { name: 20 }, order: { id: 'desc' } }, ctx)
 * // MySQL: '(`name`(20), `id` DESC)'; PostgreSQL: '("name", "id" DESC)'
 */
export function indexColumns(index: Index, ctx: CompileContext): string {
  checkKeyOptions(index)
  const lengths = index.prefixLengths ?? {}
  for (const [column, length] of Object.entries(lengths)) {
    if (!index.columns.includes(column))
      throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": prefixLengths names "${column}", which it does not cover`)
    if (!Number.isInteger(length) || length <= 0)
      throw new AthanorError(
        'INVALID_CONSTRAINT',
        `Index "${index.name}": the prefix length of "${column}" must be a positive whole number`,
      )
  }
  if (index.columns.length === 0) throw new AthanorError('INVALID_CONSTRAINT', 'A constraint or index needs at least one column')
  const keys = index.columns.map((c) => {
    const length = ctx.traits.indexPrefixLengths ? lengths[c] : undefined
    return `${ctx.quoteIdentifier(c)}${length === undefined ? '' : `(${length})`}${keySuffix(index, c, ctx)}`
  })
  return `(${keys.join(', ')})`
}

/**
 * The parenthesised keys of an index on expressions, each in its own
 * parentheses (required by MySQL's functional key parts, harmless
 * elsewhere) and followed by its operator class and order as for columns.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexExpressions({ name: 'ix', columns: ['lower(email)'], expressions: true, order: { 'lower(email)': 'desc' } }, ctx)
 * // '((lower(email)) DESC)'
 */
export function indexExpressions(index: Index, ctx: CompileContext): string {
  checkKeyOptions(index)
  if (index.columns.length === 0) throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}" has no expressions`)
  return `(${index.columns.map((e) => `(${e})${keySuffix(index, e, ctx)}`).join(', ')})`
}
