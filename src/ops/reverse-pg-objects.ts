import { AthanorError } from '../core/errors.js'
import type { Operation, OperationOf } from './operation.js'
import type { PgObjectOperation } from './pg-object-ops.js'
import { pgDomainReversers } from './reverse-pg-domains.js'
import { pgCompositeReversers } from './reverse-pg-composites.js'
import { pgRangeReversers } from './reverse-pg-ranges.js'
import { pgPartitionReversers } from './reverse-pg-partitions.js'
import { pgSecurityReversers } from './reverse-pg-security.js'
import { sequenceAfter } from '../schema/pg-objects.js'
import { commentOperation } from './comment-op.js'
import { fullSequenceValues } from '../schema/sequence-defaults.js'

type Kind = PgObjectOperation['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

function unknown(kind: Kind, what: string): AthanorError {
  return new AthanorError('IRREVERSIBLE_OPERATION', `Cannot reverse ${kind} on ${what}: the object as it was (\`existing\`) is not known`)
}

/**
 * The reverses of the operations on PostgreSQL's enum types, extensions and
 * sequences. A label added to an enum stays, in a comment that says so:
 * PostgreSQL cannot remove one without swapping the type under every
 * column that uses it.
 *
 * @example
 * pgObjectReversers.create_extension({ kind: 'create_extension', extension: { name: 'citext' } })
 * // { kind: 'drop_extension', name: 'citext', existing: { name: 'citext' } }
 */
export const pgObjectReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  create_schema: (op) => ({ kind: 'drop_schema', name: op.name, ...(op.ifNotExists === true ? { ifExists: true } : {}) }),
  drop_schema: (op) => ({ kind: 'create_schema', name: op.name, ...(op.ifExists === true ? { ifNotExists: true } : {}) }),
  create_enum: (op) => ({ kind: 'drop_enum', name: op.type.name, ...schemaOf(op.type.schema), existing: op.type }),
  drop_enum: (op) => {
    if (op.existing === undefined) throw unknown(op.kind, `type "${op.name}"`)
    return { kind: 'create_enum', type: { ...op.existing, name: op.name, ...schemaOf(op.schema ?? op.existing.schema) } }
  },
  // The label stays: taking it out means a new type swapped in under every column that uses it.
  add_enum_value: (op) =>
    commentOperation(
      `enum ${op.schema === undefined ? '' : `${op.schema}.`}${op.name} keeps the label '${op.value}': ` +
        'PostgreSQL cannot remove a label without a type swap, and the upgrade adds it IF NOT EXISTS.',
    ),
  create_extension: (op) => ({ kind: 'drop_extension', name: op.extension.name, existing: op.extension }),
  drop_extension: (op) => ({ kind: 'create_extension', extension: op.existing ?? { name: op.name } }),
  alter_extension: (op) => {
    if (op.existingSchema === undefined) throw unknown(op.kind, `extension "${op.name}"`)
    return { kind: 'alter_extension', name: op.name, schema: op.existingSchema, existingSchema: op.schema }
  },
  set_table_schema: (op) => {
    if (op.schema === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse set_table_schema on table "${op.table}": the schema it was in (\`schema\`) is not given`,
      )
    }
    return { kind: 'set_table_schema', table: op.table, schema: op.newSchema, newSchema: op.schema }
  },
  create_sequence: (op) => ({ kind: 'drop_sequence', name: op.sequence.name, ...schemaOf(op.sequence.schema), existing: op.sequence }),
  alter_sequence: (op) => {
    if (op.existing === undefined) throw unknown(op.kind, `sequence "${op.name}"`)
    const was = op.existing
    // A start that was the default is written out, as the diff writes it (see sequenceChanges).
    // A restart is undone by another: turning back, the sequence is outside its old bounds too.
    const back = Object.fromEntries(
      Object.keys(op.changes).map((key) => [
        key,
        key === 'restart'
          ? op.changes.restart
          : (was[key as keyof typeof was] ?? (key === 'start' ? fullSequenceValues(was, was.type ?? 'bigint').start : null)),
      ]),
    )
    return { kind: 'alter_sequence', name: op.name, ...schemaOf(op.schema), changes: back, existing: sequenceAfter(was, op.changes) }
  },
  rename_sequence: (op) => ({ kind: 'rename_sequence', name: op.newName, ...schemaOf(op.schema), newName: op.name }),
  // Advancing again is harmless and is what a sequence the downgrade made anew needs.
  advance_sequence: (op) => op,
  drop_sequence: (op) => {
    if (op.existing === undefined) throw unknown(op.kind, `sequence "${op.name}"`)
    return { kind: 'create_sequence', sequence: { ...op.existing, name: op.name, ...schemaOf(op.schema ?? op.existing.schema) } }
  },
  ...pgDomainReversers,
  ...pgCompositeReversers,
  ...pgRangeReversers,
  ...pgPartitionReversers,
  ...pgSecurityReversers,
}
