import { AthanorError } from '../core/errors.js'
import type { Routine, Trigger } from '../schema/stored-code.js'
import type { Operation, OperationOf } from './operation.js'
import type { StoredCodeOperation } from './stored-code-ops.js'

type Kind = StoredCodeOperation['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/** The drop that undoes creating `trigger`, remembering it for the way back. */
export function dropTriggerOf(trigger: Trigger): OperationOf<'drop_trigger'> {
  return { kind: 'drop_trigger', name: trigger.name, table: trigger.table, ...schemaOf(trigger.schema), existing: trigger }
}

/** The drop that undoes creating `routine`, remembering it for the way back. */
export function dropRoutineOf(routine: Routine): OperationOf<'drop_routine'> {
  return {
    kind: 'drop_routine',
    name: routine.name,
    routineKind: routine.routineKind,
    ...schemaOf(routine.schema),
    ...(routine.arguments === undefined ? {} : { arguments: routine.arguments }),
    existing: routine,
  }
}

/**
 * The reverses of the trigger and routine operations: a created one is
 * dropped, a dropped one created again from its old statement, a replaced
 * routine put back.
 *
 * @example
 * const existing = { name: 't', table: 'x', definition: 'CREATE TRIGGER …' }
 * storedCodeReversers.drop_trigger({ kind: 'drop_trigger', name: 't', table: 'x', existing })
 * // { kind: 'create_trigger', trigger: { name: 't', table: 'x', definition: 'CREATE TRIGGER …' } }
 */
export const storedCodeReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  create_trigger: (op) => dropTriggerOf(op.trigger),
  drop_trigger: (op) => {
    if (op.existing === undefined) throw unknownDefinition(op.kind, `trigger "${op.name}" on "${op.table}"`)
    return { kind: 'create_trigger', trigger: op.existing }
  },
  create_routine: (op) => dropRoutineOf(op.routine),
  drop_routine: (op) => {
    if (op.existing === undefined) throw unknownDefinition(op.kind, `${op.routineKind} "${op.name}"`)
    return { kind: 'create_routine', routine: op.existing, ...(op.remakeUnchecked === true ? { checkBody: false as const } : {}) }
  },
  replace_routine: (op) => {
    if (op.existing === undefined) throw unknownDefinition(op.kind, `${op.routine.routineKind} "${op.routine.name}"`)
    return { kind: 'replace_routine', routine: op.existing, existing: op.routine }
  },
}

function unknownDefinition(kind: string, what: string): AthanorError {
  return new AthanorError(
    'IRREVERSIBLE_OPERATION',
    `Cannot reverse ${kind} on ${what}: its statement as it was (\`existing\`) is not known`,
  )
}
