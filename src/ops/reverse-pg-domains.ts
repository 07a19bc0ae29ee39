import { AthanorError } from '../core/errors.js'
import type { Domain, DomainChanges } from '../schema/pg-domain.js'
import type { Operation, OperationOf } from './operation.js'
import type { PgDomainOperation } from './pg-domain-ops.js'

type Kind = PgDomainOperation['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

function unknown(kind: Kind, name: string): AthanorError {
  return new AthanorError(
    'IRREVERSIBLE_OPERATION',
    `Cannot reverse ${kind} on domain "${name}": the domain as it was (\`existing\`) is not known`,
  )
}

/**
 * The reverses of the operations on PostgreSQL's domains. An altered
 * domain goes back to `existing`: the checks it added are dropped by name
 * (so an added check needs one) and the ones it dropped are added again.
 *
 * @example
 * pgDomainReversers.create_domain({ kind: 'create_domain', domain: { name: 'positive_int', type: 'integer' } })
 * // { kind: 'drop_domain', name: 'positive_int', existing: { name: 'positive_int', type: 'integer' } }
 */
export const pgDomainReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  create_domain: (op) => ({ kind: 'drop_domain', name: op.domain.name, ...schemaOf(op.domain.schema), existing: op.domain }),
  drop_domain: (op) => {
    if (op.existing === undefined) throw unknown(op.kind, op.name)
    return { kind: 'create_domain', domain: { ...op.existing, name: op.name, ...schemaOf(op.schema ?? op.existing.schema) } }
  },
  alter_domain: (op) => {
    const was = op.existing
    if (was === undefined) throw unknown(op.kind, op.name)
    const { changes } = op
    const added = (changes.addChecks ?? []).map((check) => {
      if (check.name === undefined) {
        throw new AthanorError('IRREVERSIBLE_OPERATION', `Cannot reverse alter_domain on domain "${op.name}": an added check has no name`)
      }
      return check.name
    })
    const dropped = new Set(changes.dropChecks ?? [])
    const back: DomainChanges = {
      ...(changes.default === undefined ? {} : { default: was.default ?? null }),
      ...(changes.notNull === undefined ? {} : { notNull: was.notNull === true }),
      ...(added.length === 0 ? {} : { dropChecks: added }),
      ...(dropped.size === 0 ? {} : { addChecks: (was.checks ?? []).filter((c) => c.name !== undefined && dropped.has(c.name)) }),
    }
    return { kind: 'alter_domain', name: op.name, ...schemaOf(op.schema), changes: back, existing: applied(was, changes) }
  },
}

/** The domain after `changes`. */
function applied(domain: Domain, changes: DomainChanges): Domain {
  const { default: _default, notNull: _notNull, checks: _checks, ...rest } = domain
  const dropped = new Set(changes.dropChecks ?? [])
  const checks = [...(domain.checks ?? []).filter((c) => c.name === undefined || !dropped.has(c.name)), ...(changes.addChecks ?? [])]
  const defaultSql = changes.default === undefined ? domain.default : (changes.default ?? undefined)
  const notNull = changes.notNull ?? domain.notNull
  return {
    ...rest,
    ...(defaultSql === undefined ? {} : { default: defaultSql }),
    ...(notNull === true ? { notNull } : {}),
    ...(checks.length === 0 ? {} : { checks }),
  }
}
