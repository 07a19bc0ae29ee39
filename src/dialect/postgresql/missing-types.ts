import type { MissingTypeUse, ModelTypeUses } from '../missing-types.js'
import type { Queryable } from '../introspector.js'
import { describeAt } from '../default/column-type.js'
import { postgresLiteral } from './literal.js'
import { type TypeReference, typeReference } from './type-reference.js'
import { multirangeNameOf } from '../../schema/pg-range.js'

/** One use of a type or collation by name, and where it is (described only for the message of one missing). */
interface NamedUse {
  readonly at: () => string
  readonly kind: 'type' | 'collation'
  readonly ref: TypeReference
}

// The types the common extensions create beside the one named after them (contrib's and PostGIS's): a column of
// such a type is the extension's, made by the CREATE EXTENSION the models declare. An extension outside this list
// and not yet in the database may create any type, so then no type is refused (collations still are).
const EXTENSION_TYPES: Readonly<Record<string, readonly string[]>> = {
  ltree: ['lquery', 'ltxtquery'],
  isn: ['ean13', 'isbn', 'isbn13', 'ismn', 'ismn13', 'issn', 'issn13', 'upc'],
  postgis: ['geometry', 'geography', 'box2d', 'box3d'],
  vector: ['halfvec', 'sparsevec'],
  pg_trgm: ['gtrgm'],
  intarray: ['query_int'],
  btree_gist: [],
  btree_gin: [],
  pgcrypto: [],
  'uuid-ossp': [],
  citext: [],
  hstore: [],
  cube: [],
  seg: [],
  earthdistance: ['earth'],
  tablefunc: ['tablefunc_crosstab_2', 'tablefunc_crosstab_3', 'tablefunc_crosstab_4'],
  unaccent: [],
  fuzzystrmatch: [],
  pg_stat_statements: [],
  postgres_fdw: [],
}

/**
 * The types and collations the models use that the database behind `db`
 * lacks and no migration of the models creates: `migrate` and `check`
 * refuse them, as the CREATE TABLE naming one would fail at `upgrade`. A
 * type the models make (a table's row type, a view's, an enum, domain or
 * composite or range type and its multirange, an extension's) is theirs; every other is looked up in
 * one query, schema-qualified or along the connection's search_path, as
 * the statements will be. What is not a plain type name, and the types the
 * grammar names itself (`integer`, `double precision`), are never refused.
 *
 * @example
 * import type { Queryable } from '../introspector.js'
 * declare const db: Queryable
 * const tables = [{ name: 'spans', columns: [{ name: 'span', type: { kind: 'raw', sql: 'floatrange' } }] }] as const
 * await postgresMissingTypes(db, { tables }) // [{ at: 'column "span" of table "spans"', kind: 'type', name: 'floatrange' }]
 */
export async function postgresMissingTypes(db: Queryable, models: ModelTypeUses): Promise<MissingTypeUse[]> {
  const made = madeByModels(models)
  const uses = namedUses(models).filter((use) => use.kind === 'collation' || (made.types !== 'any' && !made.types.has(use.ref.name)))
  if (uses.length === 0) return []
  const found = await catalogNames(db, uses)
  return uses
    .filter((use) => !found(use))
    .map((use) => ({
      at: use.at(),
      kind: use.kind,
      name: use.ref.schema === undefined ? use.ref.name : `${use.ref.schema}.${use.ref.name}`,
    }))
}

/**
 * The names of the types a migration to the models creates, or `any` where
 * an extension it creates is one whose types are not known. By name alone,
 * whatever the schema: a use is refused only where it surely fails.
 */
function madeByModels(models: ModelTypeUses): { readonly types: ReadonlySet<string> | 'any' } {
  const target = models.objects?.target
  const installed = new Map((models.objects?.current.extensions ?? []).map((e) => [e.name, e.types ?? []]))
  const types = new Set<string>()
  for (const extension of target?.extensions ?? []) {
    const known = installed.get(extension.name) ?? EXTENSION_TYPES[extension.name]
    if (known === undefined) return { types: 'any' }
    for (const name of [extension.name, ...known]) types.add(name)
  }
  const objects = [...(target?.enums ?? []), ...(target?.domains ?? []), ...(target?.composites ?? []), ...(target?.partitions ?? [])]
  for (const named of [...models.tables, ...(models.views ?? []), ...objects]) types.add(named.name)
  for (const range of target?.ranges ?? []) types.add(range.name).add(multirangeNameOf(range))
  for (const column of models.tables.flatMap((t) => t.columns)) {
    if (column.type.kind === 'enum' && column.type.name !== undefined) types.add(column.type.name)
  }
  return { types }
}

/**
 * Every use by name of a type or collation in the models: columns, domains' base types, composite types' attributes,
 * range types' subtypes and collations.
 */
function namedUses(models: ModelTypeUses): NamedUse[] {
  const uses: NamedUse[] = []
  // One reference per spelling, read once and looked up once: a 500-table schema spells few types, many times.
  const types = new Map<string, TypeReference | undefined>()
  const collations = new Map<string, TypeReference>()
  const add = (at: () => string, type: string | undefined, collation: string | undefined) => {
    if (type !== undefined && !types.has(type)) types.set(type, typeReference(type))
    const ref = type === undefined ? undefined : types.get(type)
    if (ref !== undefined) uses.push({ at, kind: 'type', ref })
    if (collation === undefined) return
    if (!collations.has(collation)) collations.set(collation, { name: collation })
    uses.push({ at, kind: 'collation', ref: collations.get(collation)! })
  }
  for (const table of models.tables) {
    const name = table.schema === undefined ? table.name : `${table.schema}.${table.name}`
    for (const column of table.columns) {
      add(
        () => describeAt({ table: name, column: column.name }),
        column.type.kind === 'raw' ? column.type.sql : undefined,
        column.collation,
      )
    }
  }
  for (const domain of models.objects?.target.domains ?? []) add(() => `domain "${domain.name}"`, domain.type, undefined)
  for (const range of models.objects?.target.ranges ?? []) add(() => `range type "${range.name}"`, range.subtype, range.collation)
  for (const composite of models.objects?.target.composites ?? []) {
    for (const attribute of composite.attributes) {
      add(() => `attribute "${attribute.name}" of composite type "${composite.name}"`, attribute.type, attribute.collation)
    }
  }
  return uses
}

/** One catalog entry as a set key, whatever its names hold. */
const key = (kind: string, schema: string, name: string) => JSON.stringify([kind, schema, name])

/**
 * Whether the catalog has what a use names: the types and collations of
 * those names, each with its schema, and the schemas the search_path
 * resolves an unqualified name in (pg_catalog among them), read at once. A
 * collation counts only in the database's encoding, or for any (-1).
 */
async function catalogNames(db: Queryable, uses: readonly NamedUse[]): Promise<(use: NamedUse) => boolean> {
  const list = (kind: NamedUse['kind']) => {
    const names = [...new Set(uses.filter((u) => u.kind === kind).map((u) => u.ref.name))]
    return names.length === 0 ? 'NULL' : names.map((name) => postgresLiteral(name)).join(', ')
  }
  const rows = await db.query(`SELECT 'type' AS kind, n.nspname::text AS schema, t.typname::text AS name
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname IN (${list('type')})
    UNION ALL SELECT 'collation', n.nspname::text, c.collname::text
      FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
      WHERE c.collname IN (${list('collation')}) AND c.collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding()))
    UNION ALL SELECT 'path', s::text, NULL FROM unnest(current_schemas(true)) AS s`)
  const path = new Set(rows.filter((r) => r['kind'] === 'path').map((r) => String(r['schema'])))
  const present = new Set(
    rows.filter((r) => r['kind'] !== 'path').map((r) => key(String(r['kind']), String(r['schema']), String(r['name']))),
  )
  const answers = new Map<TypeReference, boolean>()
  return (use) => {
    let answer = answers.get(use.ref)
    if (answer === undefined) {
      const schemas = use.ref.schema === undefined ? [...path] : [use.ref.schema]
      answer = schemas.some((schema) => present.has(key(use.kind, schema, use.ref.name)))
      answers.set(use.ref, answer)
    }
    return answer
  }
}
