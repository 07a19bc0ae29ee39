import type { CompileContext } from '../../default/context.js'
import type { TableDefinition } from './definition.js'
import { isWord, tokenize, unquote } from './tokenize.js'

/**
 * CREATE TABLE for a definition under `name`, one element a line. A foreign
 * key that refers to the table itself can be pointed at `selfName` instead:
 * the new table of a rebuild must refer to itself, not to the old table it
 * is about to replace (the rename then points it back, see ./swap.ts).
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * import { parseCreateTable } from './parse-create-table.js'
 * declare const ctx: CompileContext
 * const def = parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t (id))')
 * renderDefinition(def, '_athanor_new_t', ctx, { self: 't', selfName: '_athanor_new_t' })
 * // 'CREATE TABLE "_athanor_new_t" (\n  "id" INTEGER PRIMARY KEY,\n  "parent" INTEGER REFERENCES "_athanor_new_t" (id)\n)'
 */
export function renderDefinition(
  def: TableDefinition,
  name: string,
  ctx: CompileContext,
  retarget?: { self: string; selfName: string },
): string {
  const point = (text: string) =>
    retarget === undefined ? text : retargetReferences(text, retarget.self, ctx.quoteIdentifier(retarget.selfName))
  const lines = [
    ...def.columns.map((c) =>
      [ctx.quoteIdentifier(c.name), c.type, ...c.clauses.map((k) => (k.kind === 'references' ? point(k.text) : k.text))]
        .filter((s) => s !== '')
        .join(' '),
    ),
    ...def.constraints.map((c) => (c.kind === 'foreign' ? point(c.text) : c.text)),
  ]
  return `CREATE TABLE ${ctx.quoteIdentifier(name)} (\n  ${lines.join(',\n  ')}\n)${def.options === '' ? '' : ` ${def.options}`}`
}

/** Replaces the table after REFERENCES when it is `table`. */
function retargetReferences(text: string, table: string, replacement: string): string {
  const tokens = tokenize(text)
  const at = tokens.findIndex((t) => isWord(t, 'REFERENCES'))
  const target = tokens[at + 1]
  if (at < 0 || target === undefined || unquote(target).toLowerCase() !== table.toLowerCase()) return text
  return text.slice(0, target.start) + replacement + text.slice(target.end)
}

/**
 * True when the table's rows are numbered by an INTEGER PRIMARY KEY column
 * that aliases the rowid (https://sqlite.org/lang_createtable.html#rowid).
 *
 * @example
 * import { parseCreateTable } from './parse-create-table.js'
 * hasRowidAlias(parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY)')) // true
 */
export function hasRowidAlias(def: TableDefinition): boolean {
  if (/\bWITHOUT\s+ROWID\b/i.test(def.options)) return false
  const integer = (name: string) => def.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.type.toUpperCase() === 'INTEGER'
  const inline = def.columns.find((c) => c.clauses.some((k) => k.kind === 'primary' && !/\bDESC\b/i.test(k.text)))
  if (inline !== undefined) return integer(inline.name)
  const pk = def.constraints.find((c) => c.kind === 'primary')
  return pk !== undefined && pk.columns.length === 1 && integer(pk.columns[0]!)
}
