import { AthanorError } from '../../core/errors.js'
import type { Index } from '../../schema/types.js'
import { columnList } from './constraint.js'
import type { CompileContext } from './context.js'

/**
 * The word before INDEX: UNIQUE, or MySQL's FULLTEXT or SPATIAL (which are
 * never unique); elsewhere those two are plain indexes, as SQLAlchemy drops
 * `mysql_prefix` there.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexKindWord({ name: 'ix', columns: ['body'], fulltext: true }, ctx) // MySQL: 'FULLTEXT '; PostgreSQL: ''
 */
export function indexKindWord(index: Index, ctx: CompileContext): string {
  if (index.fulltext === true && index.spatial === true)
    throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}" cannot be both FULLTEXT and SPATIAL`)
  if ((index.fulltext === true || index.spatial === true) && index.unique === true)
    throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": a FULLTEXT or SPATIAL index cannot be unique`)
  if (index.unique === true) return 'UNIQUE '
  if (!ctx.traits.indexKinds) return ''
  return index.fulltext === true ? 'FULLTEXT ' : index.spatial === true ? 'SPATIAL ' : ''
}

/**
 * ` NULLS NOT DISTINCT` for a unique index that holds NULLs equal. Refused
 * where the dialect cannot say it: its unique index would let through the
 * rows with NULL keys the model means to refuse.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexNullsNotDistinct({ name: 'ux', columns: ['a'], unique: true, nullsNotDistinct: true }, ctx) // PostgreSQL: ' NULLS NOT DISTINCT'
 */
export function indexNullsNotDistinct(index: Index, ctx: CompileContext): string {
  if (index.nullsNotDistinct !== true) return ''
  if (index.unique !== true)
    throw new AthanorError('INVALID_CONSTRAINT', `Index "${index.name}": NULLS NOT DISTINCT is for unique indexes, and it is not unique`)
  if (!ctx.traits.indexNullsNotDistinct)
    throw new AthanorError('UNSUPPORTED_FEATURE', `Index "${index.name}": ${ctx.dialect} has no NULLS NOT DISTINCT`)
  return ' NULLS NOT DISTINCT'
}

/** A storage parameter's name and value as bare words: they are spliced into the statement, so nothing else gets through. */
const STORAGE_NAME = /^[a-z_][a-z0-9_]*$/i
const STORAGE_VALUE = /^[a-z0-9_.+-]+$/i

/**
 * ` WITH (<name> = <value>, ...)`: PostgreSQL's storage parameters, where
 * the dialect has them; elsewhere nothing, as SQLAlchemy drops `postgresql_with`.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexStorage({ name: 'ix', columns: ['a'], storage: { fillfactor: 70, deduplicate_items: false } }, ctx)
 * // PostgreSQL: ' WITH (fillfactor = 70, deduplicate_items = false)'
 */
export function indexStorage(index: Index, ctx: CompileContext): string {
  const entries = Object.entries(index.storage ?? {})
  if (entries.length === 0 || !ctx.traits.indexStorage) return ''
  return ` WITH (${storageParameters(index.storage ?? {}, `Index "${index.name}"`, 'INVALID_CONSTRAINT')})`
}

/**
 * Storage parameters as `name = value, …`, each checked to be bare words
 * (they are spliced into the statement); `owner` names the index or table
 * in the error.
 *
 * @example
 * storageParameters({ fillfactor: 70 }, 'Table "t"', 'INVALID_MODEL') // 'fillfactor = 70'
 */
export function storageParameters(
  storage: Readonly<Record<string, string | number | boolean>>,
  owner: string,
  code: 'INVALID_CONSTRAINT' | 'INVALID_MODEL',
): string {
  return Object.entries(storage)
    .map(([name, value]) => {
      const text = String(value)
      if (!STORAGE_NAME.test(name) || !STORAGE_VALUE.test(text)) {
        throw new AthanorError(code, `${owner}: storage ${name} = ${JSON.stringify(value)} is not valid`)
      }
      return `${name} = ${text}`
    })
    .join(', ')
}

/**
 * ` IGNORED` on MariaDB 10.6+, ` INVISIBLE` on MySQL 8 for an index the
 * optimizer is to leave alone, where the dialect has such indexes; elsewhere
 * nothing (see Index.invisible). One dialect serves both servers and each
 * refuses the other's word, so both are written, each in a comment only its
 * own server runs (see mysqlSpatialReference).
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexVisibility({ name: 'ix', columns: ['a'], invisible: true }, ctx) // MySQL: ' /*M!100600 IGNORED*\/ /*!80000 INVISIBLE*\/'
 */
export function indexVisibility(index: Index, ctx: CompileContext): string {
  return index.invisible === true && ctx.traits.indexVisibility ? ` ${visibilityWords(false)}` : ''
}

/**
 * The words that make an index invisible (`visible` false) or visible again,
 * as MariaDB (`IGNORED`, `NOT IGNORED`) and MySQL (`INVISIBLE`, `VISIBLE`)
 * each say them, in executable comments.
 *
 * @example
 * visibilityWords(true) // '/*M!100600 NOT IGNORED*\/ /*!80000 VISIBLE*\/'
 */
export function visibilityWords(visible: boolean): string {
  return visible ? '/*M!100600 NOT IGNORED*/ /*!80000 VISIBLE*/' : '/*M!100600 IGNORED*/ /*!80000 INVISIBLE*/'
}

/**
 * ` INCLUDE (<columns>)` for a covering index where the dialect has it; elsewhere nothing.
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * indexInclude({ name: 'ix', columns: ['a'], include: ['b'] }, ctx) // PostgreSQL: ' INCLUDE ("b")'; SQLite: ''
 */
export function indexInclude(index: Index, ctx: CompileContext): string {
  if (index.include === undefined || index.include.length === 0 || !ctx.traits.indexInclude) return ''
  return ` INCLUDE ${columnList(index.include, ctx)}`
}
