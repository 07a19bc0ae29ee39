import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { Queryable } from '../dialect/introspector.js'
import type { MissingTypeUse, ModelTypeUses } from '../dialect/missing-types.js'

/** How many uses past the first the one line names; the rest are counted. */
const NAMED = 4

/**
 * Refuses models that use a type or collation the live database lacks and
 * the models do not create (a range type or collation pulled from another
 * database): the CREATE TABLE naming it would fail at `upgrade`, after
 * `migrate` wrote the script. One catalog query, only where a model names
 * a type the dialect does not know as its own; nothing offline, where no
 * catalog of the target is at hand.
 *
 * @example
 * import { dialectNamed, openConnection } from '../dialect/registry.js'
 * declare const connection: Awaited<ReturnType<typeof openConnection>>
 * const tables = [{ name: 'spans', columns: [{ name: 'span', type: { kind: 'raw', sql: 'floatrange' } }] }] as const
 * await refuseMissingTypes(dialectNamed('postgresql'), connection, { tables }) // throws MISSING_TYPE naming spans, span and floatrange
 */
export async function refuseMissingTypes(dialect: Dialect, db: Queryable, models: ModelTypeUses): Promise<void> {
  const missing = (await dialect.missingTypes?.(db, models)) ?? []
  const [first, ...others] = missing
  if (first === undefined) return
  const more = others.length > NAMED ? `, and ${others.length - NAMED} more` : ''
  const also = others.length === 0 ? '' : ` (also ${others.slice(0, NAMED).map(describeUse).join(', ')}${more})`
  const create = `op.execute('CREATE ${first.kind === 'type' ? 'TYPE' : 'COLLATION'} …')`
  throw new AthanorError(
    'MISSING_TYPE',
    `${describeUse(first)}, which the database does not have and the models do not create${also}: ` +
      `create ${others.length === 0 ? 'it' : 'them'} in a migration (${create}) and upgrade first`,
  )
}

/** `column "span" of table "spans" uses type floatrange` */
function describeUse(use: MissingTypeUse): string {
  return `${use.at} uses ${use.kind} ${use.name}`
}
