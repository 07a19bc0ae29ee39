import type { PgObjectOperation } from '../ops/pg-object-ops.js'
import type { CompositeChanges } from '../schema/pg-composite.js'

const at = (name: string, schema: string | undefined) => (schema === undefined ? name : `${schema}.${name}`)

/**
 * One line saying what an operation on a schema, enum type, extension or sequence changes.
 *
 * @example
 * describePgObjectOperation({ kind: 'add_enum_value', name: 'mood', value: 'ok' }) // "add value 'ok' to enum mood"
 */
export function describePgObjectOperation(op: PgObjectOperation): string {
  switch (op.kind) {
    case 'create_schema':
      return `add schema ${op.name}`
    case 'drop_schema':
      return `remove schema ${op.name}`
    case 'create_enum':
      return `add enum ${at(op.type.name, op.type.schema)}`
    case 'drop_enum':
      return `remove enum ${at(op.name, op.schema)}`
    case 'add_enum_value':
      return `add value '${op.value}' to enum ${at(op.name, op.schema)}`
    case 'create_extension':
      return `add extension ${op.extension.name}`
    case 'drop_extension':
      return `remove extension ${op.name}`
    case 'set_table_schema':
      return `move table ${at(op.table, op.schema)} to schema ${op.newSchema}`
    case 'alter_extension':
      return `move extension ${op.name} to schema ${op.schema}`
    case 'create_sequence':
      return `add sequence ${at(op.sequence.name, op.sequence.schema)}`
    case 'alter_sequence':
      return `alter sequence ${at(op.name, op.schema)} (${Object.keys(op.changes).join(', ')})`
    case 'rename_sequence':
      return `rename sequence ${at(op.name, op.schema)} to ${op.newName}`
    case 'drop_sequence':
      return `remove sequence ${at(op.name, op.schema)}`
    case 'advance_sequence':
      return `advance sequence ${at(op.name, op.schema)} past ${op.columns.map((c) => `${c.table}.${c.column}`).join(', ')}`
    case 'create_domain':
      return `add domain ${at(op.domain.name, op.domain.schema)}`
    case 'drop_domain':
      return `remove domain ${at(op.name, op.schema)}`
    case 'alter_domain':
      return `alter domain ${at(op.name, op.schema)} (${Object.keys(op.changes).join(', ')})`
    case 'create_composite_type':
      return `add composite type ${at(op.type.name, op.type.schema)}`
    case 'drop_composite_type':
      return `remove composite type ${at(op.name, op.schema)}`
    case 'alter_composite_type':
      return `alter composite type ${at(op.name, op.schema)} (${compositeChangeWords(op.changes).join(', ')})`
    case 'create_range_type':
      return `add range type ${at(op.type.name, op.type.schema)}`
    case 'drop_range_type':
      return `remove range type ${at(op.name, op.schema)}`
    case 'create_partition':
      return `add partition ${at(op.partition.name, op.partition.schema)} of ${op.partition.parent}`
    case 'drop_partition':
      return `remove partition ${at(op.name, op.schema)}`
    case 'change_partition_bounds': {
      const partition = at(op.partition.name, op.partition.schema)
      if (op.step === 'detach') return `detach partition ${partition} for new bounds`
      return `${op.step === 'attach' ? 'attach' : 'change bounds of'} partition ${partition} (${op.partition.bounds})`
    }
    case 'set_row_level_security':
      return `${[
        ...(op.enabled === undefined ? [] : [op.enabled ? 'enable' : 'disable']),
        ...(op.forced === undefined ? [] : [op.forced ? 'force' : 'unforce']),
      ].join(' and ')} row level security on ${at(op.table, op.schema)}`
    case 'create_policy':
      return `add policy ${op.policy.name} on ${at(op.table, op.schema)}`
    case 'drop_policy':
      return `remove policy ${op.name} on ${at(op.table, op.schema)}`
    case 'rename_policy':
      return `rename policy ${op.name} on ${at(op.table, op.schema)} to ${op.newName}`
    case 'set_replica_identity': {
      const identity = typeof op.identity === 'string' ? op.identity : `index ${op.identity.index}`
      return `set replica identity of ${at(op.table, op.schema)} to ${identity}`
    }
    case 'create_exclusion':
      return `add exclusion constraint ${op.exclusion.name} on ${at(op.table, op.schema)}`
    case 'drop_exclusion':
      return `remove exclusion constraint ${op.name} on ${at(op.table, op.schema)}`
  }
}

/** What an ALTER TYPE of a composite type does, attribute by attribute: a dropped one's values go with it. */
function compositeChangeWords(changes: CompositeChanges): string[] {
  return [
    ...(changes.renameAttributes ?? []).map((r) => `rename ${r.from} to ${r.to}`),
    ...(changes.dropAttributes ?? []).map((name) => `drop ${name} and its values`),
    ...(changes.addAttributes ?? []).map((a) => `add ${a.name}`),
    ...(changes.moveToEnd ?? []).map((a) => `move ${a.name} to the end`),
  ]
}
