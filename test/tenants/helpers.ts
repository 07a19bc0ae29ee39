import { type Project, temporaryProjects, type RevisionDef } from '../helpers/project.js'
import type { CliResult } from '../helpers/cli.js'

/** Revision ids of the chain every tenant takes. */
export const CHAIN = ['aa01', 'bb02', 'cc03'] as const

/** A chain whose scripts run on every dialect: each creates one table, `t_<id>`, and drops it going down. */
export function portableChain(ids: readonly string[] = CHAIN): RevisionDef[] {
  return ids.map((id, index) => ({
    id,
    down: index === 0 ? null : ids[index - 1]!,
    upgrade: `  await op.createTable('t_${id}', [{ name: 'id', type: 'integer', primaryKey: true }])`,
    downgrade: `  await op.dropTable('t_${id}')`,
  }))
}

/** A project of the portable chain whose config is `tenants` (a TypeScript object literal). */
export function tenantProjects(): (tenants: string) => Project {
  const project = temporaryProjects()
  return (tenants) => {
    const made = project(portableChain())
    made.config(`export default { tenants: ${tenants} }`)
    return made
  }
}

/** One row of `--all --json`. */
export interface JsonRow {
  readonly database: string
  readonly from: string[]
  readonly to: string[]
  readonly status: string
  readonly durationMs: number
  readonly steps?: number
  readonly error?: string
  readonly code?: string
}

/** The document `--all --json` prints. */
export interface JsonResult {
  readonly databases: JsonRow[]
  readonly summary: Record<string, number>
  readonly stopped?: string
}

export const parsed = (result: CliResult): JsonResult => JSON.parse(result.stdout) as JsonResult

/** Each database's status, by name. */
export const statuses = (result: CliResult): Record<string, string> =>
  Object.fromEntries(parsed(result).databases.map((row) => [row.database, row.status]))

/** Models matching the portable chain at its head: one table per revision, `t_<id>`, with an integer key. */
export function chainModels(ids: readonly string[] = CHAIN): string {
  const tables = ids.map((id) => `export const t_${id} = table('t_${id}', { id: col.integer().primaryKey() })`)
  const all = ids.map((id) => `t_${id}`).join(', ')
  return `import { col, defineModels, table } from 'athanor'\n${tables.join('\n')}\nexport default defineModels(${all})\n`
}
