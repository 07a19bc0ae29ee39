import { AthanorError } from '../core/errors.js'
import type { Table } from '../schema/types.js'
import type { View } from '../schema/view.js'
import type { EnumType, Extension, Sequence } from '../schema/pg-objects.js'
import type { Routine, Trigger } from '../schema/stored-code.js'
import type { Domain } from '../schema/pg-domain.js'
import type { CompositeType } from '../schema/pg-composite.js'
import type { RangeType } from '../schema/pg-range.js'
import type { Partition } from '../schema/partitioning.js'
import { isModelObject, type ModelObject } from './pg-objects.js'
import { isViewLike } from './view.js'
import { storedCodeOf, type ModelRoutine, type ModelTrigger } from './stored-code-list.js'

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
  /** PostgreSQL enum types, created before the tables that use them. */
  readonly enums?: readonly EnumType[]
  /** PostgreSQL extensions, created before anything else. */
  readonly extensions?: readonly Extension[]
  /** Free-standing PostgreSQL sequences. */
  readonly sequences?: readonly Sequence[]
  /** Triggers, created after their tables and the routines they call. */
  readonly triggers?: readonly Trigger[]
  /** Stored functions and procedures. */
  readonly routines?: readonly Routine[]
  /** PostgreSQL domains, created before the tables that use them. */
  readonly domains?: readonly Domain[]
  /** PostgreSQL partitions, created after their partitioned tables. */
  readonly partitions?: readonly Partition[]
  /** PostgreSQL composite types, created before the tables that use them. */
  readonly composites?: readonly CompositeType[]
  /** PostgreSQL range types, created before the tables and composite types that use them. */
  readonly ranges?: readonly RangeType[]
}

/**
 * Collects the tables and views of a models module, and PostgreSQL's enum
 * types, extensions and sequences among them, refusing a table or view
 * declared twice in the same database (two databases may each have a table
 * of one name).
 *
 * @example
 * const mood = pgEnum('mood', ['sad', 'happy'])
 * defineModels(extension('citext'), mood, table('people', { id: col.integer().primaryKey(), mood: mood.column() }))
 * @example
 * export const users = table('users', { id: col.integer().primaryKey(), email: col.string(120).notNull().unique() })
 * export const posts = table('posts', { id: col.integer().primaryKey(), user_id: col.integer().references('users') })
 * export const authors = view('authors', sql`SELECT DISTINCT users.id, users.email FROM users JOIN posts ON posts.user_id = users.id`)
 * export default defineModels(users, posts, authors)
 */
export function defineModels(...all: readonly (Table | View | ModelObject | ModelTrigger | ModelRoutine)[]): Models {
  const { code, items } = storedCodeOf(all)
  const objects = items.filter(isModelObject)
  const views = items.filter((item): item is View => !isModelObject(item) && isViewLike(item))
  const tables = items.filter((item): item is Table => !isModelObject(item) && !isViewLike(item))
  const seen = new Set<string>()
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
  const withViews = { ...(views.length === 0 ? { tables } : { tables, views }), ...code }
  if (objects.length === 0) return withViews
  const enums: EnumType[] = []
  const extensions: Extension[] = []
  const sequences: Sequence[] = []
  const domains: Domain[] = []
  const partitions: Partition[] = []
  const composites: CompositeType[] = []
  const ranges: RangeType[] = []
  for (const object of objects) {
    // Plain data only: a models module built against another copy of athanor still loads.
    if (object.objectKind === 'enum') enums.push({ name: object.name, values: object.values, ...schemaOf(object.schema) })
    else if (object.objectKind === 'partition') {
      const { objectKind: _, ...data } = object
      partitions.push(data)
    } else if (object.objectKind === 'domain') {
      const { objectKind: _, column: _column, ...data } = object
      domains.push(data)
    } else if (object.objectKind === 'composite') {
      const { objectKind: _, column: _column, ...data } = object
      composites.push(data)
    } else if (object.objectKind === 'range') {
      const { objectKind: _, column: _column, multirangeColumn: _multirange, ...data } = object
      ranges.push(data)
    } else {
      const { objectKind: _, ...data } = object
      if (object.objectKind === 'extension') extensions.push(data as Extension)
      else sequences.push(data as Sequence)
    }
  }
  return {
    ...withViews,
    enums,
    extensions,
    sequences,
    ...(domains.length === 0 ? {} : { domains }),
    ...(partitions.length === 0 ? {} : { partitions }),
    ...(composites.length === 0 ? {} : { composites }),
    ...(ranges.length === 0 ? {} : { ranges }),
  }
}

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
