import { AthanorError } from '../../../core/errors.js'
import { withoutClosingSemicolon, withOrReplace } from '../../../ops/stored-code-text.js'
import type { Statement } from '../../compile-types.js'
import type { CompileContext, Handler } from '../context.js'

/**
 * How a dialect writes triggers and routines. PostgreSQL names a trigger
 * within its table, tells overloaded routines apart by their argument
 * types and replaces a routine in place; MySQL/MariaDB name triggers per
 * database and drop a routine to change it, and their `mysql` client reads
 * a `;` inside a routine's body as the statement's end (such a statement is
 * marked `compound`); SQLite has triggers and no routines.
 */
export interface StoredCodeTraits {
  readonly routines: boolean
  readonly triggerNamedWithinTable: boolean
  readonly routineArguments: boolean
  readonly replaceRoutineInPlace: boolean
  readonly clientDelimiter: boolean
  /**
   * The statements around a routine made without its body checked (see
   * CreateRoutineOp.checkBody), where the dialect checks a body as it makes
   * it; absent where it does not, and the routine is made as it is.
   */
  readonly uncheckedBody?: (create: Statement) => Statement[]
  /**
   * The drop of a routine the models leave in the session's own schema,
   * where a bare name may find another routine first (PostgreSQL looks in
   * pg_catalog before the search path, so `DROP FUNCTION now()` finds the
   * built-in); absent where the bare name finds the routine.
   */
  readonly dropInSessionSchema?: (keyword: string, nameWithArguments: string) => Statement
}

type Kinds = 'create_trigger' | 'drop_trigger' | 'create_routine' | 'drop_routine' | 'replace_routine'

/**
 * The trigger and routine handlers of a dialect. The statements are the
 * ones the models or the catalog hold, sent as they are.
 *
 * @example
 * const { drop_trigger } = storedCodeHandlers({
 *   routines: false,
 *   triggerNamedWithinTable: false,
 *   routineArguments: false,
 *   replaceRoutineInPlace: false,
 *   clientDelimiter: false,
 * })
 */
export function storedCodeHandlers(traits: StoredCodeTraits): { readonly [K in Kinds]: Handler<K> } {
  const statement = (definition: string): Statement => {
    const sql = withoutClosingSemicolon(definition)
    return traits.clientDelimiter && sql.includes(';') ? { sql, compound: true } : { sql }
  }
  const refuseRoutine = (routine: { readonly name: string }, ctx: CompileContext) => {
    if (!traits.routines) {
      throw new AthanorError('UNSUPPORTED_OPERATION', `routine "${routine.name}": ${ctx.dialect} has no stored functions or procedures`)
    }
  }
  const routineName = (op: { readonly name: string; readonly schema?: string; readonly arguments?: string }, ctx: CompileContext) => {
    const name = ctx.quoteTable(op.schema === undefined ? { table: op.name } : { table: op.name, schema: op.schema })
    return traits.routineArguments && op.arguments !== undefined ? `${name}(${op.arguments})` : name
  }
  const dropRoutine = (
    routine: { readonly name: string; readonly schema?: string; readonly arguments?: string; readonly routineKind: string },
    ctx: CompileContext,
  ): Statement => {
    const keyword = `DROP ${routine.routineKind.toUpperCase()}`
    const name = routineName(routine, ctx)
    return routine.schema === undefined && traits.dropInSessionSchema !== undefined
      ? traits.dropInSessionSchema(keyword, name)
      : { sql: `${keyword} ${name}` }
  }
  return {
    create_trigger: (op) => [statement(op.trigger.definition)],
    drop_trigger: (op, ctx) => {
      const on = traits.triggerNamedWithinTable
        ? ` ON ${ctx.quoteTable(op.schema === undefined ? { table: op.table } : { table: op.table, schema: op.schema })}`
        : ''
      return [{ sql: `DROP TRIGGER ${ctx.quoteIdentifier(op.name)}${on}` }]
    },
    create_routine: (op, ctx) => {
      refuseRoutine(op.routine, ctx)
      const create = statement(op.routine.definition)
      return op.checkBody === false && traits.uncheckedBody !== undefined ? traits.uncheckedBody(create) : [create]
    },
    drop_routine: (op, ctx) => {
      refuseRoutine(op, ctx)
      return [dropRoutine(op, ctx)]
    },
    replace_routine: (op, ctx) => {
      refuseRoutine(op.routine, ctx)
      if (traits.replaceRoutineInPlace) return [statement(withOrReplace(op.routine.definition))]
      return [dropRoutine(op.existing ?? op.routine, ctx), statement(op.routine.definition)]
    },
  }
}
