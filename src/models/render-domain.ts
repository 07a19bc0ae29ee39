import { quote, renderDefault, type RenderImports } from '../ops/render-value.js'
import type { Domain } from '../schema/pg-domain.js'
import { templateOf } from './render-views.js'

/**
 * The options argument `pull` writes after a domain's name and type: its
 * default, NOT NULL, and its checks, as one `check` when it has a single
 * one under the name PostgreSQL gives an unnamed check, else as `checks`
 * with their names.
 *
 * @example
 * domainOptions({ name: 'zip', type: 'text', checks: [{ name: 'zip_check', expression: "VALUE ~ '^[0-9]{5}$'" }] }, { names: new Set() })
 * // ", { check: sql`VALUE ~ '^[0-9]{5}$'` }"
 */
export function domainOptions(domain: Domain, imports: RenderImports): string {
  const parts: string[] = []
  if (domain.schema !== undefined) parts.push(`schema: ${quote(domain.schema)}`)
  if (domain.default !== undefined) parts.push(`default: ${renderDefault(domain.default, imports)}`)
  if (domain.notNull === true) parts.push('notNull: true')
  const checks = domain.checks ?? []
  if (checks.length === 1 && (checks[0]!.name === undefined || checks[0]!.name === `${domain.name}_check`)) {
    imports.names.add('sql')
    parts.push(`check: ${templateOf(checks[0]!.expression)}`)
  } else if (checks.length > 0) {
    const listed = checks.map((c) => `{ ${c.name === undefined ? '' : `name: ${quote(c.name)}, `}expression: ${quote(c.expression)} }`)
    parts.push(`checks: [${listed.join(', ')}]`)
  }
  return parts.length === 0 ? '' : `, { ${parts.join(', ')} }`
}
