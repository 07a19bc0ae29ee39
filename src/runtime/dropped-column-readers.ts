import { AthanorError } from '../core/errors.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'
import { tableKey } from '../diff/keys.js'
import { BARE_NAME, BARE_NAME_PART } from '../schema/bare-name.js'

/** A string literal, a quoted name (three quotings) or a bare name not called as a function. */
const NAME_OR_TEXT = new RegExp(
  String.raw`'(?:[^']|'')*'|"((?:[^"]|"")*)"|\`((?:[^\`]|\`\`)*)\`|\[([^\]]*)\]|(${BARE_NAME})(?!${BARE_NAME_PART}|\s*\()`,
  'g',
)

/**
 * Refuses models whose check, generated column, or index expression or
 * predicate still reads a column the migration drops (the column removed
 * from the models, its check left behind): the database refuses the DROP
 * COLUMN, or the check, at `upgrade`, after the statements before it ran.
 * A plain index over such a column is refused when the models load; these
 * are expressions, read here as the names they use outside string literals
 * and function calls.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const models: Table[] // table t: columns id, a; check('ck_b', 'b > 0')
 * const made: Operation[] = [{ kind: 'drop_column', table: 't', column: 'b' }]
 * refuseReadersOfDroppedColumns(models, made, diffHooksFor('sqlite')) // throws INVALID_MODEL naming "t", "ck_b" and "b"
 */
export function refuseReadersOfDroppedColumns(models: readonly Table[], made: readonly Operation[], hooks: DiffHooks): void {
  const dropped = droppedColumns(made, hooks)
  if (dropped.size === 0) return
  for (const table of models) {
    const kept = new Set(table.columns.map((c) => hooks.nameKey(c.name)))
    // A column dropped and added again (a generated one with a new expression) is still there.
    const gone = new Set([...(dropped.get(tableKey(table, hooks)) ?? [])].filter((c) => !kept.has(c)))
    if (gone.size === 0) continue
    for (const [reader, expression] of expressionsOf(table)) {
      const read = namesRead(expression, hooks.doubleQuotedStrings).find((name) => gone.has(hooks.nameKey(name)))
      if (read === undefined) continue
      throw new AthanorError(
        'INVALID_MODEL',
        `table "${table.name}": ${reader} reads column "${read}", which the models drop; ` +
          'remove it from the models with the column, or keep the column',
      )
    }
  }
}

/** The columns each table loses, by table, as the dialect compares names. */
function droppedColumns(made: readonly Operation[], hooks: DiffHooks): Map<string, Set<string>> {
  const dropped = new Map<string, Set<string>>()
  const add = (schema: string | undefined, name: string, column: string) => {
    const key = tableKey({ name, ...(schema === undefined ? {} : { schema }) }, hooks)
    const columns = dropped.get(key) ?? new Set<string>()
    columns.add(hooks.nameKey(column))
    dropped.set(key, columns)
  }
  for (const op of made) {
    if (op.kind === 'drop_column') add(op.schema, op.table, op.column)
    if (op.kind !== 'batch_alter_table') continue
    for (const inner of op.ops) if (inner.kind === 'drop_column') add(op.schema, op.table, inner.column)
  }
  return dropped
}

/** Each expression of a table with what to call it in a refusal. */
function expressionsOf(table: Table): [string, string][] {
  return [
    ...(table.checkConstraints ?? []).map((c): [string, string] => [
      c.name === undefined ? `check (${c.expression})` : `check "${c.name}"`,
      c.expression,
    ]),
    ...table.columns.flatMap((c): [string, string][] =>
      c.generated === undefined ? [] : [[`generated column "${c.name}"`, c.generated.expression]],
    ),
    ...(table.indexes ?? []).flatMap((index): [string, string][] => [
      ...(index.expressions === true ? index.columns.map((e): [string, string] => [`index "${index.name}"`, e]) : []),
      ...(index.where === undefined ? [] : [[`index "${index.name}"`, index.where] as [string, string]]),
    ]),
  ]
}

/**
 * The names an expression reads: words and quoted names outside string
 * literals, but for a word a call follows (`length(`), which names a
 * function, a type after `::` or `AS` (`CAST(x AS date)`), the field of an
 * `EXTRACT(day FROM …)` and the unit of an `INTERVAL 1 day`. On MySQL a
 * double-quoted text is a string. Anything else a word could be is taken
 * as a name: a model is refused only when its column is plainly read.
 */
function namesRead(expression: string, doubleQuotesStrings: boolean): string[] {
  const names: string[] = []
  for (const found of expression.matchAll(NAME_OR_TEXT)) {
    const [, double, back, square, word] = found
    if (word !== undefined && notAName(expression.slice(0, found.index))) continue
    if (double !== undefined && doubleQuotesStrings) continue
    const name = double?.replaceAll('""', '"') ?? back?.replaceAll('``', '`') ?? square ?? word
    if (name !== undefined) names.push(name)
  }
  return names
}

/** Whether the word after `before` is a type, an EXTRACT field or an INTERVAL unit, by what comes before it. */
function notAName(before: string): boolean {
  return /(?:::\s*|\bas\s+|\bextract\s*\(\s*|\binterval\s+(?:'[^']*'|[-+]?\d+(?:\.\d+)?)\s*)$/i.test(before)
}
