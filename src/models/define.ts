import { AthanorError } from '../core/errors.js'
import type { Table } from '../schema/types.js'
import type { View } from '../schema/view.js'
import { isViewLike } from './view.js'

/**
 * The target schema a models module exports: what SQLAlchemy's `MetaData`
 * is to Alembic. Plain data, so a models module built against another copy
 * of athanor still loads.
 *
 * @example
 * const models: Models = defineModels(table('tags', { id: col.integer().primaryKey() }))
 * models.tables.map((t) => t.name) // ['tags']
 */
export interface Models {
  readonly tables: readonly Table[]
  /** The views, created after the tables they read. */
  readonly views?: readonly View[]
}

/**
 * Collects the tables of a models module, refusing a table declared twice
 * in the same database (two databases may each have a table of one name).
 *
 * @example
 * export const users = table('users', { id: col.integer().primaryKey(), email: col.string(120).notNull().unique() })
 * export const posts = table('posts', { id: col.integer().primaryKey(), user_id: col.integer().references('users') })
 * export const authors = view('authors', sql`SELECT DISTINCT users.id, users.email FROM users JOIN posts ON posts.user_id = users.id`)
 * export default defineModels(users, posts, authors)
 */
export function defineModels(...objects: readonly (Table | View)[]): Models {
  const seen = new Set<string>()
  const views = objects.filter(isViewLike)
  const tables = objects.filter((o): o is Table => !isViewLike(o))
  for (const v of views) {
    const key = `view.${v.schema ?? ''}.${v.name}`
    if (seen.has(key)) throw new AthanorError('INVALID_MODEL', `view "${v.schema ? `${v.schema}.` : ''}${v.name}" is declared twice`)
    seen.add(key)
  }
  for (const t of tables) {
    const key = `${t.bind ?? ''}.${t.schema ?? ''}.${t.name}`
    if (seen.has(key)) {
      throw new AthanorError(
        'INVALID_MODEL',
        `table "${t.schema ? `${t.schema}.` : ''}${t.name}" is declared twice${t.bind === undefined ? '' : ` in database ${t.bind}`}`,
      )
    }
    seen.add(key)
  }
  return views.length === 0 ? { tables } : { tables, views }
}
