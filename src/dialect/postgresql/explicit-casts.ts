import type { ColumnType } from '../../schema/types.js'
import { pgQuoteIdent } from '../../schema/pg-identifier.js'

type Kind = ColumnType['kind']

const TEXT: ReadonlySet<Kind> = new Set(['string', 'text', 'enum'])
const INTEGERS: ReadonlySet<Kind> = new Set(['smallint', 'integer', 'bigint'])
/**
 * What text casts to only when told: every type with no assignment cast
 * from text (https://www.postgresql.org/docs/current/sql-createcast.html).
 */
const FROM_TEXT: ReadonlySet<Kind> = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double',
  'boolean',
  'date',
  'time',
  'timestamp',
  'uuid',
  'json',
  'binary',
])

/**
 * The USING of a PostgreSQL type change that no assignment cast makes: from
 * text to a number, boolean, date, uuid or JSON, and between integer and
 * boolean. A change with an assignment cast (a wider number, a longer
 * VARCHAR, anything to text) needs none, and gets none: an explicit cast
 * would cut a value too long for a VARCHAR where the implicit one refuses it.
 *
 * @example
 * postgresCastUsing('score', { kind: 'text' }, { kind: 'integer' }, 'INTEGER') // 'score::INTEGER'
 * postgresCastUsing('score', { kind: 'integer' }, { kind: 'bigint' }, 'BIGINT') // undefined
 */
export function postgresCastUsing(column: string, from: ColumnType, to: ColumnType, rendered: string): string | undefined {
  const explicit =
    (TEXT.has(from.kind) && FROM_TEXT.has(to.kind)) ||
    (from.kind === 'integer' && to.kind === 'boolean') ||
    (from.kind === 'boolean' && INTEGERS.has(to.kind))
  if (!explicit) return undefined
  // Only int4 casts to boolean and back: the others go through it.
  const through = from.kind === 'boolean' && to.kind !== 'integer' ? '::integer' : ''
  return `${pgQuoteIdent(column)}${through}::${rendered}`
}
