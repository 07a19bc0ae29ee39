import { randomBytes } from 'node:crypto'
import { AthanorError } from '../core/errors.js'

/** A new revision id: 12 hex characters, as Alembic makes them. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex')
}

/**
 * The longest id: the version table's `version_num` is VARCHAR(32), as
 * Alembic's, and an id also becomes part of a file name.
 */
export const MAX_REVISION_ID_LENGTH = 32

const ID_FORM = `1 to ${MAX_REVISION_ID_LENGTH} letters, digits or '_'`

/**
 * Checks a user-chosen id (`--rev-id`, or a converted Alembic script's):
 * ASCII letters, digits and `_`, so it is a file name on every system and
 * fits the version table. The other characters the target syntax gives a
 * meaning to (`@` label@rev, `-`/`+` relative moves, `:` ranges) say so.
 * `origin` names where the id came from in the message.
 *
 * @example
 * validateRevisionId('ae1027a6acf0') // passes
 * validateRevisionId('../x') // throws INVALID_REVISION_ID: --rev-id "../x" holds '.'; a revision id is 1 to 32 letters, digits or '_'
 */
export function validateRevisionId(id: string, origin = '--rev-id'): void {
  const fail = (problem: string): never => {
    throw new AthanorError('INVALID_REVISION_ID', `${origin} ${problem}; a revision id is ${ID_FORM}`)
  }
  if (id.length === 0) fail('is empty')
  const shown = showId(id)
  if (id.length > MAX_REVISION_ID_LENGTH) fail(`${shown} is ${id.length} characters long`)
  const reserved = /[@+\-:]/.exec(id)
  if (reserved) fail(`${shown} holds ${JSON.stringify(reserved[0])}, which the target syntax reserves`)
  const other = /[^A-Za-z0-9_]/.exec(id)
  if (other) fail(`${shown} holds ${JSON.stringify(other[0])}`)
}

/** The id quoted, with control characters escaped, and cut short when long. */
function showId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}...` : id)
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
