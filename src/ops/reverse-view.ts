import { AthanorError } from '../core/errors.js'
import type { View } from '../schema/view.js'
import type { Operation, OperationOf } from './operation.js'

const refOf = (view: View) => ({ name: view.name, ...(view.schema === undefined ? {} : { schema: view.schema }) })

/**
 * The reverses of the view operations: a created view is dropped, a dropped
 * one created again from its old definition, a replaced one put back.
 *
 * @example
 * viewReversers.create_view({ kind: 'create_view', view: { name: 'v', definition: 'SELECT 1' } })
 * // { kind: 'drop_view', name: 'v', existing: { name: 'v', definition: 'SELECT 1' } }
 */
export const viewReversers: {
  readonly create_view: (op: OperationOf<'create_view'>) => Operation
  readonly drop_view: (op: OperationOf<'drop_view'>) => Operation
  readonly replace_view: (op: OperationOf<'replace_view'>) => Operation
  readonly set_view_comment: (op: OperationOf<'set_view_comment'>) => Operation
} = {
  // A guarded operation (a script outside a transaction) is undone by a guarded one, so the downgrade can run again too.
  create_view: (op) => ({
    kind: 'drop_view',
    ...refOf(op.view),
    ...(op.view.materialized === true ? { materialized: true } : {}),
    ...(op.orReplace === true ? { ifExists: true } : {}),
    existing: op.view,
  }),
  drop_view: (op) => {
    if (op.existing === undefined) throw unknownDefinition(op.kind, op.name)
    const view = { ...op.existing, name: op.name, ...(op.schema === undefined ? {} : { schema: op.schema }) }
    return { kind: 'create_view', view, ...(op.ifExists === true ? { orReplace: true } : {}) }
  },
  replace_view: (op) => {
    if (op.existing === undefined) throw unknownDefinition(op.kind, op.view.name)
    return { kind: 'replace_view', view: op.existing, existing: op.view }
  },
  set_view_comment: (op) => {
    if (op.existing === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse set_view_comment on view "${op.name}": the comment it had (\`existing\`) is not known`,
      )
    }
    return { ...op, comment: op.existing, existing: op.comment }
  },
}

function unknownDefinition(kind: string, name: string): AthanorError {
  return new AthanorError(
    'IRREVERSIBLE_OPERATION',
    `Cannot reverse ${kind} on view "${name}": the view as it was (\`existing\`) is not known`,
  )
}
