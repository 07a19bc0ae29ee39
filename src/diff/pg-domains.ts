import type { Operation } from '../ops/operation.js'
import { defaultKey } from '../schema/default-key.js'
import { pgTypeKey } from './pg-type-key.js'
import { sameExpressionDefaults } from './same-expressions.js'
import type { Domain, DomainChanges, DomainCheck } from '../schema/pg-domain.js'
import { commentOperation } from '../ops/comment-op.js'

const keyOf = (o: { readonly name: string; readonly schema?: string }) => `${o.schema ?? ''}.${o.name}`
const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/**
 * The operations that bring the database's domains to the models': new ones
 * created before the tables (`before`), removed ones dropped after them
 * (`after`), and a changed default, NOT NULL or check altered in place
 * (ALTER DOMAIN), as dropping a domain drops its columns. Checks compare by
 * `checkKey` of their expression; an unnamed check in the models matches
 * any check of that expression, and is added under the name PostgreSQL
 * would give it, so the downgrade can drop it by name. A changed base type
 * is only a comment saying what to write, as for an enum's labels.
 *
 * @example
 * const { before } = diffDomains([], [{ name: 'positive_int', type: 'integer' }], (e) => e)
 * // before: [create_domain positive_int]
 */
export function diffDomains(
  current: readonly Domain[],
  target: readonly Domain[],
  checkKey: (expression: string) => string,
): { before: Operation[]; after: Operation[] } {
  const before: Operation[] = []
  const had = new Map(current.map((d) => [keyOf(d), d]))
  const wanted = new Set(target.map(keyOf))
  for (const domain of target) {
    const was = had.get(keyOf(domain))
    if (was === undefined) {
      before.push({ kind: 'create_domain', domain })
      continue
    }
    if (pgTypeKey(was.type) !== pgTypeKey(domain.type)) {
      const name = domain.schema === undefined ? domain.name : `${domain.schema}.${domain.name}`
      before.push(
        commentOperation(
          `domain ${name}: base type changed (${was.type} -> ${domain.type}). ALTER DOMAIN cannot change it: create a new ` +
            'domain, ALTER every column to it, drop the old one and rename the new one. Write that here by hand.',
        ),
      )
    }
    const changes = domainChanges(was, domain, checkKey)
    if (Object.keys(changes).length > 0) {
      before.push({ kind: 'alter_domain', name: domain.name, ...schemaOf(domain.schema), changes, existing: was })
    }
  }
  const after: Operation[] = current
    .filter((d) => !wanted.has(keyOf(d)))
    .map((d) => ({ kind: 'drop_domain', name: d.name, ...schemaOf(d.schema), existing: d }))
  return { before, after }
}

function domainChanges(was: Domain, wanted: Domain, checkKey: (expression: string) => string): DomainChanges {
  const changes: { -readonly [K in keyof DomainChanges]: DomainChanges[K] } = {}
  if (defaultKey(was.default) !== defaultKey(wanted.default) && !sameExpressionDefaults(was.default, wanted.default, checkKey)) {
    changes.default = wanted.default ?? null
  }
  if ((was.notNull === true) !== (wanted.notNull === true)) changes.notNull = wanted.notNull === true
  const unmatched = [...(was.checks ?? [])]
  const missing: DomainCheck[] = []
  for (const check of wanted.checks ?? []) {
    const at = unmatched.findIndex(
      (c) => (check.name === undefined || c.name === check.name) && checkKey(c.expression) === checkKey(check.expression),
    )
    if (at >= 0) unmatched.splice(at, 1)
    else missing.push(check)
  }
  if (unmatched.length > 0) changes.dropChecks = unmatched.map((c) => c.name ?? `${wanted.name}_check`)
  if (missing.length > 0) {
    const kept = new Set((was.checks ?? []).filter((c) => !unmatched.includes(c)).map((c) => c.name))
    const taken = new Set([...kept, ...missing.map((c) => c.name)])
    changes.addChecks = missing.map((check) =>
      check.name === undefined ? { name: freeName(wanted.name, taken), expression: check.expression } : check,
    )
  }
  return changes
}

/** PostgreSQL's name for an unnamed check: `<domain>_check`, then `<domain>_check1`, … */
function freeName(domain: string, taken: Set<string | undefined>): string {
  let name = `${domain}_check`
  for (let n = 1; taken.has(name); n++) name = `${domain}_check${n}`
  taken.add(name)
  return name
}
