import type { PullResult } from '../command/pull.js'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * What `pull` tells on stderr: what it wrote, counted by kind, then every
 * object the models cannot represent, by kind and name, so nothing is left
 * out in silence.
 *
 * @example
 * pullSummary({ text: '', tables: [], views: [], unmanaged: [{ kind: 'event', name: 'nightly_purge' }], path: 'models.ts' })
 * // ['Wrote 0 tables to models.ts: 0 columns, …', 'Not represented (1), left out of the models: …', '  event nightly_purge']
 */
export function pullSummary(result: PullResult): string[] {
  const { tables } = result
  const count = (of: (t: (typeof tables)[number]) => number) => tables.reduce((sum, t) => sum + of(t), 0)
  const parts = [
    plural(
      count((t) => t.columns.length),
      'column',
    ),
    plural(
      count((t) => t.indexes?.length ?? 0),
      'index',
      'indexes',
    ),
    plural(
      count((t) => (t.uniqueConstraints?.length ?? 0) + t.columns.filter((c) => c.unique === true).length),
      'unique constraint',
    ),
    plural(
      count((t) => t.foreignKeys?.length ?? 0),
      'foreign key',
    ),
    plural(
      count((t) => t.checkConstraints?.length ?? 0),
      'check constraint',
    ),
  ]
  const policies = count((t) => t.postgresql?.policies?.length ?? 0)
  if (policies > 0) parts.push(plural(policies, 'policy', 'policies'))
  if (result.views.length > 0) parts.push(plural(result.views.length, 'view'))
  const objects = result.objects
  for (const [n, one] of [
    [objects?.enums.length ?? 0, 'enum type'],
    [objects?.extensions.length ?? 0, 'extension'],
    [objects?.sequences.length ?? 0, 'sequence'],
    [objects?.domains?.length ?? 0, 'domain'],
    [objects?.composites?.length ?? 0, 'composite type'],
    [objects?.ranges?.length ?? 0, 'range type'],
    [objects?.partitions?.length ?? 0, 'partition'],
  ] as const) {
    if (n > 0) parts.push(plural(n, one))
  }
  const routines = result.routines ?? []
  if (routines.length > 0) parts.push(plural(routines.length, 'routine'))
  if ((result.triggers?.length ?? 0) > 0) parts.push(plural(result.triggers?.length ?? 0, 'trigger'))
  const where = result.path === undefined ? '' : ` to ${result.path}`
  const lines = [`${result.path === undefined ? 'Read' : 'Wrote'} ${plural(tables.length, 'table')}${where}: ${parts.join(', ')}`]
  if (result.unmanaged.length > 0) {
    lines.push(
      `Not represented (${result.unmanaged.length}), left out of the models; a migration never drops them, ` +
        'and a new database gets them only from op.execute():',
    )
    for (const object of result.unmanaged) lines.push(`  ${object.kind} ${object.name}`)
  }
  return lines
}
