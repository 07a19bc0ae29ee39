import { AthanorError } from '../../../core/errors.js'
import type { OperationKind } from '../../../ops/operation.js'
import type { PgObjectOperation } from '../../../ops/pg-object-ops.js'
import type { Handlers } from '../context.js'

type PgOnlyKind = PgObjectOperation['kind']

/**
 * The handlers of a dialect without PostgreSQL's schemas, enum types,
 * extensions and sequences (`title` names it; MySQL's schemas are its
 * databases, made outside the migrations): each refuses its operation in one line
 * naming it and the dialect.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * pgOnlyRefusals('SQLite').create_extension({ kind: 'create_extension', extension: { name: 'citext' } }, ctx)
 * // throws UNSUPPORTED_OPERATION: create_extension is PostgreSQL only: SQLite has no such object
 */
export function pgOnlyRefusals(title: string): { readonly [K in PgOnlyKind]: Handlers[K] } {
  const refuse = (op: { readonly kind: OperationKind }): never => {
    throw new AthanorError('UNSUPPORTED_OPERATION', `${op.kind} is PostgreSQL only: ${title} has no such object`)
  }
  return {
    create_schema: refuse,
    drop_schema: refuse,
    create_enum: refuse,
    drop_enum: refuse,
    add_enum_value: refuse,
    create_extension: refuse,
    drop_extension: refuse,
    alter_extension: refuse,
    create_sequence: refuse,
    alter_sequence: refuse,
    rename_sequence: refuse,
    drop_sequence: refuse,
    advance_sequence: refuse,
    create_domain: refuse,
    drop_domain: refuse,
    alter_domain: refuse,
    create_composite_type: refuse,
    drop_composite_type: refuse,
    alter_composite_type: refuse,
    create_range_type: refuse,
    drop_range_type: refuse,
    create_partition: refuse,
    drop_partition: refuse,
    change_partition_bounds: refuse,
    set_row_level_security: refuse,
    create_policy: refuse,
    drop_policy: refuse,
    rename_policy: refuse,
    create_exclusion: refuse,
    drop_exclusion: refuse,
    set_replica_identity: refuse,
    set_table_schema: (op) => {
      throw new AthanorError(
        'UNSUPPORTED_OPERATION',
        `set_table_schema of table "${op.table}" is PostgreSQL only: ${title} has no schemas to move a table between`,
      )
    },
  }
}
