import { POSTGRES_TYPE_ALIASES } from '../dialect/postgresql/type-aliases.js'
import { pgTypeKeyText } from '../schema/pg-identifier.js'

/**
 * A PostgreSQL type written in SQL as `format_type` writes it, to compare
 * a model's spelling with the catalog's: aliases to their names
 * (`varchar(80)` is `character varying(80)`), case and spacing folded, and a
 * time type's precision inside its name.
 *
 * @example
 * pgTypeKey('VARCHAR( 80 )') // 'character varying(80)'
 * pgTypeKey('timestamptz(3)') // 'timestamp(3) with time zone'
 * pgTypeKey('int[][]') // 'integer[]'
 */
export function pgTypeKey(type: string): string {
  const plain = pgTypeKeyText(type)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim()
  // An array's dimensions: PostgreSQL keeps none, and format_type writes one [].
  const element = plain.replace(/(?:\[\d*\])+$/, '')
  const array = element === plain ? '' : '[]'
  // The time types, which format_type writes with the precision inside the name (`timestamp(3) with time zone`).
  const time = /^(timestamptz|timetz|timestamp|time)(\(\d+\))?(?: ?(with|without) time zone)?$/.exec(element)
  if (time) {
    const zone = time[1]!.endsWith('tz') || time[3] === 'with' ? 'with' : 'without'
    return `${time[1]!.replace(/tz$/, '')}${time[2] ?? ''} ${zone} time zone${array}`
  }
  const [, base = element, rest = ''] = /^([a-z0-9_ ]+?)(\(.*)?$/.exec(element) ?? []
  return `${POSTGRES_TYPE_ALIASES[base] ?? base}${rest}${array}`
}
