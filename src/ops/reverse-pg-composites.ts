import { AthanorError } from '../core/errors.js'
import { compositeAfter, type CompositeChanges, movesToOrder } from '../schema/pg-composite.js'
import type { Operation, OperationOf } from './operation.js'
import type { PgCompositeOperation } from './pg-composite-ops.js'

type Kind = PgCompositeOperation['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

function irreversible(kind: Kind, name: string, why: string): AthanorError {
  return new AthanorError('IRREVERSIBLE_OPERATION', `Cannot reverse ${kind} on composite type "${name}": ${why}`)
}

/**
 * The reverses of the operations on PostgreSQL's composite types. An
 * altered type goes back to `existing`: the attributes it added are
 * dropped, the ones it dropped are added again (empty: their values went
 * with the drop; PostgreSQL adds them at the end, so the attributes that
 * stood after them are moved past them, values kept), and its renames
 * are undone.
 *
 * @example
 * pgCompositeReversers.create_composite_type({ kind: 'create_composite_type', type: { name: 'address', attributes: [] } })
 * // { kind: 'drop_composite_type', name: 'address', existing: { name: 'address', attributes: [] } }
 */
export const pgCompositeReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  create_composite_type: (op) => ({ kind: 'drop_composite_type', name: op.type.name, ...schemaOf(op.type.schema), existing: op.type }),
  drop_composite_type: (op) => {
    if (op.existing === undefined) throw irreversible(op.kind, op.name, 'the type as it was (`existing`) is not known')
    return { kind: 'create_composite_type', type: { ...op.existing, name: op.name, ...schemaOf(op.schema ?? op.existing.schema) } }
  },
  alter_composite_type: (op) => {
    const was = op.existing
    if (was === undefined) throw irreversible(op.kind, op.name, 'the type as it was (`existing`) is not known')
    const { changes } = op
    const renames = changes.renameAttributes ?? []
    const added = (changes.addAttributes ?? []).map((a) => a.name)
    // The reverse renames before it drops: a name both renamed to and added would be taken twice.
    if (renames.some((r) => added.includes(r.from) || added.includes(r.to))) {
      throw irreversible(op.kind, op.name, 'an attribute is both renamed and added under one name; write the downgrade by hand')
    }
    const renamedOnly = compositeAfter(was, { renameAttributes: renames })
    const dropped = new Set(changes.dropAttributes ?? [])
    const back: CompositeChanges = {
      ...(renames.length === 0 ? {} : { renameAttributes: renames.map((r) => ({ from: r.to, to: r.from })) }),
      ...(added.length === 0 ? {} : { dropAttributes: added }),
      ...(dropped.size === 0 ? {} : { addAttributes: renamedOnly.attributes.filter((a) => dropped.has(a.name)) }),
    }
    const after = compositeAfter(was, changes)
    // An attribute added back lands at the end: those that stood after it move past it, their values kept.
    const moves = movesToOrder(
      after,
      back,
      was.attributes.map((a) => a.name),
    )
    const changesBack = moves.length === 0 ? back : { ...back, moveToEnd: moves }
    return { kind: 'alter_composite_type', name: op.name, ...schemaOf(op.schema), changes: changesBack, existing: after }
  },
}
