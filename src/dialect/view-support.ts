import type { View } from '../schema/view.js'
import type { IntrospectOptions, Queryable } from './introspector.js'

/**
 * A dialect's views: reading them from a live database, and asking the
 * database how it would store a model's definition. Each database rewrites
 * the text it is given (PostgreSQL pretty-prints it, MySQL/MariaDB qualify
 * every name and add aliases, SQLite alone keeps it verbatim), so a model's
 * definition is compared with the stored one in the database's own form.
 *
 * @example
 * import { dialectNamed, openConnection } from './registry.js'
 * const db = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const views = await dialectNamed('sqlite').views.read(db) // [{ name: 'active_users', definition: 'SELECT …', dependsOn: ['users'] }]
 */
export interface ViewSupport {
  /** The views of the connection's schema (and of `options.schemas`), with the tables each reads. */
  read(db: Queryable, options?: IntrospectOptions): Promise<View[]>
  /**
   * Each view's definition as the database would store it, in the order
   * given, or `undefined` for one the database refuses as it stands (it
   * reads a table or view not created yet): then it differs.
   */
  normalize(db: Queryable, views: readonly View[]): Promise<(string | undefined)[]>
}

/**
 * The definitions the same once white space and a closing semicolon are
 * set aside: what every comparison starts from.
 *
 * @example
 * sameDefinition('SELECT id\n  FROM users;', 'SELECT id FROM users') // true
 */
export function sameDefinition(a: string, b: string): boolean {
  return plain(a) === plain(b)
}

function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\s*;$/, '')
}

/** A name no model uses, for the throwaway view a definition is normalised through. */
export function scratchViewName(): string {
  return `athanor_normal_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
}

/**
 * The names among `candidates` that a definition mentions as words: the
 * tables and views it reads, when the catalog does not record them (SQLite,
 * MariaDB). A name that only appears in a string literal or as a column is
 * counted too, which at worst recreates a view that did not need it.
 *
 * @example
 * namesMentioned('SELECT u.id FROM users u JOIN "posts" p ON p.user_id = u.id', ['users', 'posts', 'tags']) // ['users', 'posts']
 * namesMentioned('SELECT id FROM "User Accounts"', ['User Accounts']) // ['User Accounts']
 */
export function namesMentioned(definition: string, candidates: readonly string[]): string[] {
  const words = new Set(definition.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? [])
  // A quoted name is one name, spaces and all ("User Accounts").
  for (const [, double, back, square] of definition.matchAll(/"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]/g)) {
    words.add((double?.replaceAll('""', '"') ?? back ?? square ?? '').toLowerCase())
  }
  return candidates.filter((name) => words.has(name.toLowerCase()))
}
