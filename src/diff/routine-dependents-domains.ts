import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Domain, DomainCheck } from '../schema/pg-domain.js'
import type { DefaultValue } from '../schema/types.js'

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/**
 * What {@link routineDependents} does for tables, for PostgreSQL's domains:
 * their checks and default that call a routine dropped and created (`calls`)
 * are dropped before it (`detach`) and added again after it (`reattach`, the
 * models' definitions under the database's names); `adjust` takes out of a
 * domain change of the same migration what those do instead, and refuses a
 * domain created calling the routine.
 *
 * @example
 * const small = { name: 'small', type: 'integer', checks: [{ name: 'small_max', expression: 'twice(VALUE) < 10' }] }
 * const { detach } = domainDependents([small], [small], (sql) => sql?.includes('twice(') === true, diffHooksFor('postgresql'))
 * // detach: ALTER DOMAIN small DROP CONSTRAINT small_max
 */
export function domainDependents(
  current: readonly Domain[],
  target: readonly Domain[],
  calls: (sql: string | undefined) => boolean,
  hooks: DiffHooks,
): { detach: Operation[]; adjust: (op: Operation, later: Operation[]) => Operation[]; reattach: () => Operation[] } {
  const domainKey = (d: { readonly name: string; readonly schema?: string | undefined }) =>
    `${hooks.nameKey(d.schema ?? hooks.defaultSchema)}.${hooks.nameKey(d.name)}`
  const callsDefault = (value: DefaultValue | null | undefined) => value?.kind === 'expression' && calls(value.sql)
  const detach: Operation[] = []
  const taken = new Map<string, { checks: DomainCheck[]; default: boolean }>()
  // What a domain change of the same migration puts back itself (after the routine is created).
  const handled = new Map<string, { checks: Set<string>; default: boolean }>()
  for (const domain of current) {
    const checks = (domain.checks ?? []).filter((c) => c.name !== undefined && calls(c.expression))
    const withDefault = callsDefault(domain.default)
    if (checks.length === 0 && !withDefault) continue
    const changes = {
      ...(withDefault ? { default: null } : {}),
      ...(checks.length === 0 ? {} : { dropChecks: checks.map((c) => c.name!) }),
    }
    detach.push({ kind: 'alter_domain', name: domain.name, ...schemaOf(domain.schema), changes, existing: domain })
    taken.set(domainKey(domain), { checks, default: withDefault })
  }

  const adjust = (op: Operation, later: Operation[]): Operation[] => {
    if (op.kind === 'drop_domain' && op.existing !== undefined && taken.has(domainKey(op.existing))) {
      const was = taken.get(domainKey(op.existing))!
      const checks = (op.existing.checks ?? []).filter((c) => !was.checks.includes(c))
      const { checks: _checks, default: _default, ...bare } = op.existing
      const existing: Domain = {
        ...bare,
        ...(was.default || op.existing.default === undefined ? {} : { default: op.existing.default }),
        ...(checks.length === 0 ? {} : { checks }),
      }
      return [{ ...op, existing }]
    }
    if (op.kind === 'create_domain' && ((op.domain.checks ?? []).some((c) => calls(c.expression)) || callsDefault(op.domain.default))) {
      throw new AthanorError(
        'UNSUPPORTED_OPERATION',
        `domain "${op.domain.name}" is created calling a routine this migration drops and creates: create it in a later migration`,
      )
    }
    if (op.kind !== 'alter_domain') return [op]
    const was = taken.get(domainKey(op))
    const { dropChecks, addChecks, default: defaultValue, ...rest } = op.changes
    const drops = (dropChecks ?? []).filter((name) => !was?.checks.some((c) => c.name === name))
    const moved = (addChecks ?? []).filter((c) => calls(c.expression) || (c.name !== undefined && (dropChecks ?? []).includes(c.name)))
    const adds = (addChecks ?? []).filter((c) => !moved.includes(c))
    const defaultMoves = defaultValue !== undefined && (was?.default === true || callsDefault(defaultValue))
    handled.set(domainKey(op), { checks: new Set([...(dropChecks ?? []), ...moved.flatMap((c) => c.name ?? [])]), default: defaultMoves })
    const changes = {
      ...rest,
      ...(defaultValue === undefined || defaultMoves ? {} : { default: defaultValue }),
      ...(drops.length === 0 ? {} : { dropChecks: drops }),
      ...(adds.length === 0 ? {} : { addChecks: adds }),
    }
    const putBack = defaultMoves && defaultValue !== null ? { default: defaultValue } : {}
    if (moved.length > 0 || 'default' in putBack) {
      const back = { ...putBack, ...(moved.length === 0 ? {} : { addChecks: moved }) }
      later.push({ kind: 'alter_domain', name: op.name, ...schemaOf(op.schema), changes: back, ...existingOf(op.existing) })
    }
    return Object.keys(changes).length === 0 ? [] : [{ ...op, changes }]
  }

  // What was taken off and no domain change put back: the models' definition, under the database's name.
  const reattach = (): Operation[] =>
    current.flatMap((domain): Operation[] => {
      const was = taken.get(domainKey(domain))
      const wanted = target.find((d) => domainKey(d) === domainKey(domain))
      if (was === undefined || wanted === undefined) return []
      const done = handled.get(domainKey(domain))
      const addChecks = was.checks.flatMap((check) => {
        if (done?.checks.has(check.name!) === true) return []
        const now =
          (wanted.checks ?? []).find((c) => c.name === check.name) ??
          (wanted.checks ?? []).find((c) => c.name === undefined && hooks.checkKey(c.expression) === hooks.checkKey(check.expression))
        return now === undefined ? [] : [{ name: check.name!, expression: now.expression }]
      })
      const withDefault = was.default && done?.default !== true && wanted.default !== undefined
      if (addChecks.length === 0 && !withDefault) return []
      const changes = { ...(withDefault ? { default: wanted.default! } : {}), ...(addChecks.length === 0 ? {} : { addChecks }) }
      const { checks: _checks, default: _default, ...bare } = wanted
      const remaining = (wanted.checks ?? []).filter((c) => !addChecks.some((a) => a.name === c.name))
      const existing: Domain = { ...bare, ...(remaining.length === 0 ? {} : { checks: remaining }) }
      return [{ kind: 'alter_domain', name: wanted.name, ...schemaOf(wanted.schema), changes, existing }]
    })
  return { detach, adjust, reattach }
}

const existingOf = (existing: Domain | undefined) => (existing === undefined ? {} : { existing })
