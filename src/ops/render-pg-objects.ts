import type { OperationOf } from './operation.js'
import type { PgObjectOperation } from './pg-object-ops.js'
import { pgDomainRenderers } from './render-pg-domains.js'
import { pgCompositeRenderers } from './render-pg-composites.js'
import { pgRangeRenderers } from './render-pg-ranges.js'
import { pgPartitionRenderers } from './render-pg-partitions.js'
import { pgSecurityRenderers } from './render-pg-security.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Kind = PgObjectOperation['kind']

/** Trailing options argument: `, { a: 1 }`, or nothing when every value is absent. */
function options(values: Record<string, unknown>, imports: RenderImports): string {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
  return Object.keys(present).length === 0 ? '' : `, ${renderData(present, imports)}`
}

/**
 * The `op` calls of the operations on PostgreSQL's schemas, enum types,
 * extensions and sequences.
 *
 * @example
 * pgObjectRenderers.create_enum({ kind: 'create_enum', type: { name: 'mood', values: ['sad', 'happy'] } }, { names: new Set() })
 * // "await op.createEnum('mood', ['sad', 'happy'])"
 */
export const pgObjectRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  create_schema: (op, imports) => `await op.createSchema(${quote(op.name)}${options({ ifNotExists: op.ifNotExists }, imports)})`,
  drop_schema: (op, imports) => `await op.dropSchema(${quote(op.name)}${options({ ifExists: op.ifExists }, imports)})`,
  create_enum: (op, imports) =>
    `await op.createEnum(${quote(op.type.name)}, ${renderData(op.type.values, imports)}${options({ schema: op.type.schema }, imports)})`,
  drop_enum: (op, imports) => `await op.dropEnum(${quote(op.name)}${options({ schema: op.schema, values: op.existing?.values }, imports)})`,
  add_enum_value: (op, imports) =>
    // PostgreSQL: the label cannot be used (in a default, an UPDATE) before this migration commits.
    '// the new label is usable once this migration has committed: use it in a later migration\n  ' +
    `await op.addEnumValue(${quote(op.name)}, ${quote(op.value)}` +
    `${options({ schema: op.schema, before: op.before, after: op.after }, imports)})`,
  create_extension: (op, imports) =>
    `await op.createExtension(${quote(op.extension.name)}${options({ schema: op.extension.schema }, imports)})`,
  drop_extension: (op, imports) => `await op.dropExtension(${quote(op.name)}${options({ schema: op.existing?.schema }, imports)})`,
  alter_extension: (op, imports) =>
    `await op.alterExtension(${quote(op.name)}${options({ schema: op.schema, existingSchema: op.existingSchema }, imports)})`,
  set_table_schema: (op, imports) =>
    `await op.setTableSchema(${quote(op.table)}, ${quote(op.newSchema)}${options({ schema: op.schema }, imports)})`,
  create_sequence: (op, imports) => {
    const { name, ...rest } = op.sequence
    return `await op.createSequence(${quote(name)}${options(rest, imports)})`
  },
  alter_sequence: (op, imports) =>
    `await op.alterSequence(${quote(op.name)}, ${renderData(op.changes, imports)}` +
    `${options({ schema: op.schema, existing: op.existing }, imports)})`,
  rename_sequence: (op, imports) =>
    `await op.renameSequence(${quote(op.name)}, ${quote(op.newName)}${options({ schema: op.schema }, imports)})`,
  advance_sequence: (op, imports) =>
    `await op.advanceSequence(${quote(op.name)}, ${renderData(op.columns, imports)}${options({ schema: op.schema }, imports)})`,
  drop_sequence: (op, imports) =>
    `await op.dropSequence(${quote(op.name)}${options({ schema: op.schema, existing: op.existing }, imports)})`,
  ...pgDomainRenderers,
  ...pgCompositeRenderers,
  ...pgRangeRenderers,
  ...pgPartitionRenderers,
  ...pgSecurityRenderers,
}
