import { postgresStoredType } from '../dialect/postgresql/stored-type.js'
import { pgTypeKeyText } from '../schema/pg-identifier.js'

/**
 * A PostgreSQL type written in SQL as `format_type` writes it, to compare
 * a model's spelling with the catalog's: a built-in type in format_type's
 * spelling (see postgresStoredType: `varchar(80)` is `character
 * varying(80)`, `char` is `character(1)`, a time type's precision goes
 * inside its name), any other with case and spacing folded and its array
 * dimensions one `[]`.
 *
 * @example
 * pgTypeKey('VARCHAR( 80 )') // 'character varying(80)'
 * pgTypeKey('timestamptz(3)') // 'timestamp(3) with time zone'
 * pgTypeKey('int[][]') // 'integer[]'
 * pgTypeKey('char') // 'character(1)'
 * pgTypeKey('"Audit"."Kind" [][]') // '"audit"."kind"[]'
 */
export function pgTypeKey(type: string): string {
  const bare = pgTypeKeyText(type)
  const stored = postgresStoredType(bare)
  if (stored !== undefined) return stored
  const plain = bare
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),[\]])\s*/g, '$1')
    .trim()
  // An array's dimensions: PostgreSQL keeps none, and format_type writes one [].
  const element = plain.replace(/(?:\[\d*\])+$/, '')
  return element === plain ? plain : `${element}[]`
}
