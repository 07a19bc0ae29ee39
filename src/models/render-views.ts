import { viewBehaviour, type View } from '../schema/view.js'
import { quote } from '../ops/render-value.js'
import { renderIndex } from './render-index.js'

/**
 * A view's definition (or a trigger's or routine's statement, or a domain's
 * check) as a `sql` template literal, which keeps its lines and reads as
 * SQL; backquotes, backslashes and `${` are escaped.
 *
 * @example
 * templateOf('SELECT 1') // 'sql`SELECT 1`'
 */
export function templateOf(definition: string): string {
  return `sql\`${definition.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``
}

/**
 * The `export const … = view(...)` declarations of pulled views, each
 * named by `variable` (which keeps names unique across tables and views).
 *
 * @example
 * renderViewBlocks([{ name: 'active_users', definition: 'SELECT id FROM users' }], (v) => 'activeUsers')
 * // ["export const activeUsers = view('active_users', sql`SELECT id FROM users`)"]
 */
export function renderViewBlocks(views: readonly View[], variable: (view: View) => string): string[] {
  return views.map((v) => {
    const behaviour = viewBehaviour(v)
    const options = [
      v.schema === undefined ? '' : `schema: ${quote(v.schema)}`,
      v.materialized === true ? 'materialized: true' : '',
      behaviour.checkOption === undefined ? '' : `checkOption: ${quote(behaviour.checkOption)}`,
      behaviour.securityInvoker === true ? 'securityInvoker: true' : '',
      behaviour.securityBarrier === true ? 'securityBarrier: true' : '',
      v.indexes === undefined || v.indexes.length === 0 ? '' : `indexes: [${v.indexes.map(renderIndex).join(', ')}]`,
      v.comment === undefined ? '' : `comment: ${quote(v.comment)}`,
      v.columnNames === undefined ? '' : `columnNames: [${v.columnNames.map(quote).join(', ')}]`,
    ]
      .filter(Boolean)
      .join(', ')
    return `export const ${variable(v)} = view(${quote(v.name)}, ${templateOf(v.definition)}${options === '' ? '' : `, { ${options} }`})`
  })
}
