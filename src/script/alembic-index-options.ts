import type { Index } from '../schema/types.js'
import { type CallArgs, literalString, stringList } from './alembic-args.js'
import { UnsupportedPython, type PyExpr } from './alembic-expr.js'

/** The dialect keywords of `create_index` read here; each database ignores the others', as SQLAlchemy does. */
export const INDEX_OPTION_KEYWORDS = [
  'postgresql_ops',
  'postgresql_include',
  'postgresql_nulls_not_distinct',
  'postgresql_with',
  'mysql_prefix',
] as const

/** `postgresql_with={'fillfactor': 70}`: storage parameters, each a number, a string or True/False. */
function storage(args: CallArgs): Index['storage'] {
  const value = args.get('postgresql_with')
  if (value === undefined) return undefined
  if (value.kind !== 'dict') throw new UnsupportedPython('create_index(postgresql_with=...) that is not a dict')
  const parameter = (expr: PyExpr): string | number | boolean => {
    if (expr.kind === 'num') return expr.value
    if (expr.kind === 'const' && typeof expr.value === 'boolean') return expr.value
    return literalString(expr, 'a postgresql_with value')
  }
  return Object.fromEntries(value.entries.map(([key, v]) => [literalString(key, 'a postgresql_with name'), parameter(v)]))
}

/**
 * `postgresql_ops={'data': 'jsonb_path_ops'}`: operator classes;
 * `postgresql_include=['b']`: INCLUDE columns;
 * `postgresql_nulls_not_distinct=True`: NULLS NOT DISTINCT;
 * `postgresql_with={'fillfactor': 70}`: storage parameters;
 * `mysql_prefix='FULLTEXT'` or `'SPATIAL'`: the index's kind (another
 * prefix is left to a person).
 *
 * @example
 * // op.create_index('ix', 't', ['data'], postgresql_ops={'data': 'jsonb_path_ops'})
 * import type { CallArgs } from './alembic-args.js'
 * declare const args: CallArgs
 * indexOptions(args, ['data']) // { opclass: { data: 'jsonb_path_ops' } }
 */
export function indexOptions(
  args: CallArgs,
  columns: readonly string[],
): Pick<Index, 'opclass' | 'include' | 'nullsNotDistinct' | 'storage' | 'fulltext' | 'spatial'> {
  const ops = args.get('postgresql_ops')
  if (ops !== undefined && ops.kind !== 'dict') throw new UnsupportedPython('create_index(postgresql_ops=...) that is not a dict')
  const opclass =
    ops?.kind === 'dict'
      ? Object.fromEntries(
          ops.entries.map(([key, value]) => [literalString(key, 'a postgresql_ops column'), literalString(value, 'an operator class')]),
        )
      : undefined
  const stray = Object.keys(opclass ?? {}).find((c) => !columns.includes(c))
  if (stray !== undefined) throw new UnsupportedPython(`create_index(postgresql_ops=...) naming '${stray}', not a column of the index`)
  const includeArg = args.get('postgresql_include')
  const include = includeArg === undefined ? undefined : stringList(includeArg, 'create_index(postgresql_include=...)')
  const withParameters = storage(args)
  const prefix = args.optionalString('mysql_prefix')?.toUpperCase()
  if (prefix !== undefined && prefix !== 'FULLTEXT' && prefix !== 'SPATIAL')
    throw new UnsupportedPython(`create_index(mysql_prefix='${prefix}'), neither FULLTEXT nor SPATIAL`)
  return {
    ...(opclass === undefined || Object.keys(opclass).length === 0 ? {} : { opclass }),
    ...(include === undefined || include.length === 0 ? {} : { include }),
    ...(args.optionalBoolean('postgresql_nulls_not_distinct') === true ? { nullsNotDistinct: true } : {}),
    ...(withParameters === undefined || Object.keys(withParameters).length === 0 ? {} : { storage: withParameters }),
    ...(prefix === 'FULLTEXT' ? { fulltext: true } : prefix === 'SPATIAL' ? { spatial: true } : {}),
  }
}
