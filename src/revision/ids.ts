import { AthanorError } from '../core/errors.js'

/** Words the target syntax gives a meaning; an id or label spelled so could never be addressed. */
const RESERVED = new Set(['head', 'heads', 'base', 'current'])

const VALID = /^[A-Za-z0-9_]+$/

function where(source: string | undefined): string {
  return source === undefined ? '' : ` (${source})`
}

/**
 * Refuses ids the target syntax could not address: `@` splits `label@rev`,
 * `+`/`-` start relative moves, `:` splits history ranges.
 *
 * @example
 * checkRevisionId('ae1027a6acf') // ok
 * checkRevisionId('ae10-27')     // throws INVALID_REVISION_ID
 */
export function checkRevisionId(id: string, source?: string): void {
  if (VALID.test(id) && !RESERVED.has(id)) return
  const bad = [...new Set([...id].filter((c) => !/[A-Za-z0-9_]/.test(c)))]
  const why =
    id === ''
      ? 'it is empty'
      : RESERVED.has(id)
        ? `'${id}' is a reserved word`
        : `character(s) ${bad.map((c) => `'${c}'`).join(', ')} are not allowed (only letters, digits and '_')`
  throw new AthanorError('INVALID_REVISION_ID', `Invalid revision id '${id}'${where(source)}: ${why}`)
}

/**
 * Branch labels share the id namespace in targets (`label@head`), so the same
 * rule applies to them.
 *
 * @example
 * checkBranchLabel('billing', 'b1', 'versions/b1.ts')
 */
export function checkBranchLabel(label: string, revision: string, source?: string): void {
  if (VALID.test(label) && !RESERVED.has(label)) return
  throw new AthanorError(
    'INVALID_BRANCH_LABEL',
    `Invalid branch label '${label}' on revision ${revision}${where(source)}: ` +
      "only letters, digits and '_' are allowed, and not head/heads/base/current",
  )
}

/** `revision X (file)` for messages. */
export function describe(id: string, source: string | undefined): string {
  return `${id}${where(source)}`
}
