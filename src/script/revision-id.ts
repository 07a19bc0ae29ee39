import { randomBytes } from 'node:crypto'
import { AthanorError } from '../core/errors.js'

/** A new revision id: 12 hex characters, as Alembic makes them. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex')
}

/**
 * Checks a user-chosen id (`--rev-id`). The characters refused are the ones
 * the target syntax gives meaning to: `@` (label@rev), `-`/`+` (relative
 * moves), `:` (ranges).
 */
export function validateRevisionId(id: string): void {
  const reserved = /[@+\-:]/.exec(id)
  if (reserved) {
    throw new AthanorError(
      'INVALID_REVISION_ID',
      `revision id '${id}' contains '${reserved[0]}', which the target syntax reserves; use letters, digits and '_'`,
    )
  }
  if (!/^[A-Za-z0-9_]+$/.test(id)) {
    throw new AthanorError('INVALID_REVISION_ID', `revision id '${id}' may hold only letters, digits and '_'`)
  }
}

/**
 * The file-name slug of a message: lower case, words joined by `_`, cut at
 * a word boundary near 40 characters (Alembic's truncate_slug_length).
 */
export function slugify(message: string, maxLength = 40): string {
  const words = message.toLowerCase().match(/[a-z0-9]+/g) ?? []
  let slug = ''
  for (const word of words) {
    const next = slug ? `${slug}_${word}` : word
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength)
      break
    }
    slug = next
  }
  return slug
}
