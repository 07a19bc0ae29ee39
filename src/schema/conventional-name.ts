import { createHash } from 'node:crypto'

/**
 * Identifiers longer than every dialect keeps (PostgreSQL: 63 bytes) are cut
 * and end in a short hash of the full name, so two long names stay distinct
 * and the same model always yields the same name.
 */
const MAX_NAME = 60

/**
 * A constraint or index name from its parts, SQLAlchemy's naming convention
 * style: `ix_users_email`, `fk_posts_user_id_users`.
 *
 * @example
 * conventionalName('uq', 'users', ['email']) // 'uq_users_email'
 */
export function conventionalName(prefix: string, table: string, parts: readonly string[]): string {
  const name = [prefix, table, ...parts].join('_').replace(/[^A-Za-z0-9_]+/g, '_')
  if (Buffer.byteLength(name) <= MAX_NAME) return name
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8)
  return `${name.slice(0, MAX_NAME - 9)}_${hash}`
}
