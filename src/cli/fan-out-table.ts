import type { FanOutResult, TenantResult } from '../command/all-databases.js'

const revisions = (ids: readonly string[]) => ids.join(', ') || 'base'
const duration = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/**
 * One database's outcome as a line of a log: `tenant_7: migrated base -> ae10 (20 steps, 0.41 s)`,
 * or `tenant_7: failed at a1: …` when it failed. The command's one `error:` line comes at the end.
 *
 * @example
 * finishedLine({ database: 'tenant_7', from: [], to: ['ae10'], status: 'migrated', durationMs: 410, steps: 20 })
 * // 'tenant_7: migrated base -> ae10 (20 steps, 0.41 s)'
 */
export function finishedLine(result: TenantResult): string {
  if (result.status === 'failed') return `${result.database}: failed at ${revisions(result.to)}: ${result.error ?? 'no message'}`
  const steps = result.steps === undefined ? '' : `${result.steps} step${result.steps === 1 ? '' : 's'}, `
  const move = `${revisions(result.from)} -> ${revisions(result.to)}`
  return `${result.database}: ${result.status} ${move} (${steps}${duration(result.durationMs)})`
}

/**
 * The final table of `--all`: database, from, to, status, duration; columns
 * padded to their widest cell, so it reads in a terminal and greps in a log.
 *
 * @example
 * finalTable({ databases: [{ database: 'tenant_1', from: [], to: ['ae10'], status: 'migrated', durationMs: 410 }] })
 * // ['database  from  to    status    duration', 'tenant_1  base  ae10  migrated  0.41 s']
 */
export function finalTable(result: FanOutResult): string[] {
  const rows = [
    ['database', 'from', 'to', 'status', 'duration'],
    ...result.databases.map((row) => [
      row.database,
      revisions(row.from),
      revisions(row.to),
      row.status,
      row.status === 'not run' ? '' : duration(row.durationMs),
    ]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  )
}

/**
 * How many databases ended in each status, in the order statuses first appear.
 *
 * @example
 * tally({ databases: [{ database: 'a', from: [], to: [], status: 'failed', durationMs: 3 }] }) // { failed: 1 }
 */
export function tally(result: FanOutResult): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const row of result.databases) counts[row.status] = (counts[row.status] ?? 0) + 1
  return counts
}
