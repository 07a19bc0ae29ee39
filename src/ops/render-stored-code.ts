import type { OperationOf } from './operation.js'
import { quote, renderData, type RenderImports } from './render-value.js'
import type { StoredCodeOperation } from './stored-code-ops.js'

type Kind = StoredCodeOperation['kind']

/** Trailing options argument: `, { a: 1 }` or nothing when empty. */
function options(values: Record<string, unknown>, imports: RenderImports): string {
  const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
  return Object.keys(present).length === 0 ? '' : `, ${renderData(present, imports)}`
}

/**
 * A statement as a template literal, which keeps a routine's lines as they
 * read in the database; backquotes, backslashes and `${` are escaped.
 *
 * @example
 * statementLiteral('CREATE TRIGGER t\nAFTER INSERT ON x BEGIN SELECT 1; END') // '`CREATE TRIGGER t\nAFTER …`'
 */
export function statementLiteral(definition: string): string {
  return `\`${definition.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``
}

/**
 * The trigger and routine operations as the `op` calls a person would write.
 *
 * @example
 * storedCodeRenderers.drop_trigger({ kind: 'drop_trigger', name: 'orders_touch', table: 'orders' }, { names: new Set() })
 * // "await op.dropTrigger('orders_touch', 'orders')"
 */
export const storedCodeRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  create_trigger: (op, imports) =>
    `await op.createTrigger(${quote(op.trigger.name)}, ${quote(op.trigger.table)}, ${statementLiteral(op.trigger.definition)}` +
    `${options({ schema: op.trigger.schema }, imports)})`,
  drop_trigger: (op, imports) => `await op.dropTrigger(${quote(op.name)}, ${quote(op.table)}${options({ schema: op.schema }, imports)})`,
  create_routine: (op, imports) =>
    `await op.createRoutine(${quote(op.routine.name)}, ${statementLiteral(op.routine.definition)}` +
    `${options({ schema: op.routine.schema, checkBody: op.checkBody }, imports)})`,
  drop_routine: (op, imports) =>
    `await op.dropRoutine(${quote(op.name)}${options({ kind: op.routineKind, schema: op.schema, arguments: op.arguments }, imports)})`,
  replace_routine: (op, imports) =>
    `await op.replaceRoutine(${quote(op.routine.name)}, ${statementLiteral(op.routine.definition)}` +
    `${options({ schema: op.routine.schema }, imports)})`,
}
