import type { RevisionGraph } from '../../revision/index.js'
import type { ScriptDirectory } from '../../script/script-directory.js'
import { type CatalogDifference, compareCatalogs, isSameCatalog } from './catalog.js'
import type { TestContext } from './context.js'
import { differenceLines, errorLine, failed, isRunStop, passed, plural, type Verdict } from './outcome.js'

/**
 * The stairway: on a new scratch database, each revision in upgrade order
 * is upgraded, downgraded and upgraded again. After the downgrade the
 * catalog must be the one before the upgrade; what differs names the
 * revision and the object its downgrade left behind, removed or changed.
 * It stops at the first revision that fails: the database after it is not
 * one the revisions above were written for.
 *
 * @example
 * import type { TestContext } from './context.js'
 * declare const context: TestContext
 * const verdict = await stairwayTest(context) // passed('3 revisions, each upgraded, downgraded and upgraded again')
 */
export async function stairwayTest(context: TestContext): Promise<Verdict> {
  const { graph, scripts } = context
  const order = graph.planUpgrade([], 'heads').map((step) => step.revision)
  return context.withScratch(async (session) => {
    let before = await session.catalog()
    const keptLabels: string[] = []
    for (const revision of order) {
      const name = describeRevision(graph, scripts, revision)
      const move = async (what: string, direction: 'upgrade' | 'downgrade', seed: boolean) => {
        try {
          await session.run(graph.planSteps(session.heads, [revision], direction), { seed })
          return undefined
        } catch (error) {
          if (isRunStop(error)) throw error
          // A failed migration's own message names the revision and its file already.
          const reason = errorLine(error)
          if (!reason.includes(revision)) return failed(`${what} of ${name} failed: ${reason}`)
          return failed(what === direction ? reason : `${what}: ${reason}`)
        }
      }
      const up = await move('upgrade', 'upgrade', true)
      if (up !== undefined) return up
      const down = await move('downgrade', 'downgrade', false)
      if (down !== undefined) return down
      const { difference, kept } = withoutKeptEnumLabels(compareCatalogs(before, await session.catalog()))
      keptLabels.push(...kept)
      if (!isSameCatalog(difference)) {
        const lines = differenceLines(difference, {
          extra: (object) => `downgrade of ${name} left ${object} behind`,
          missing: (object) => `downgrade of ${name} removed ${object}, which was there before its upgrade`,
          changed: (object, expected, actual) => `downgrade of ${name} left ${object} as ${actual}, not ${expected} as before its upgrade`,
        })
        return failed(lines[0]!, lines.slice(1))
      }
      const again = await move('upgrade after its downgrade', 'upgrade', false)
      if (again !== undefined) return again
      before = await session.catalog()
    }
    const summary = `${plural(order.length, 'revision')}, each upgraded, downgraded and upgraded again`
    return passed(keptLabels.length === 0 ? summary : `${summary}; ${keptLabels.join('; ')}`)
  })
}

/**
 * The difference without the enum types a downgrade left with more labels,
 * the old ones still in their order, and those types described: PostgreSQL
 * cannot remove a label, so the downgrade of `ALTER TYPE … ADD VALUE` keeps
 * it (and says so in the script), and the upgrade after it adds it IF NOT
 * EXISTS.
 *
 * @example
 * withoutKeptEnumLabels({ extra: [], missing: [], changed: [{ object: 'enum public.mood', expected: "'sad'", actual: "'sad', 'ok'" }] })
 * // difference: no change left
 * // kept: ["enum public.mood keeps the label 'ok', which PostgreSQL cannot remove"]
 */
export function withoutKeptEnumLabels(difference: CatalogDifference): { difference: CatalogDifference; kept: string[] } {
  const labels = (definition: string) => [...definition.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!)
  const kept: string[] = []
  const changed = difference.changed.filter(({ object, expected, actual }) => {
    if (!object.startsWith('enum ')) return true
    const was = labels(expected)
    const now = labels(actual)
    const added = now.filter((label) => !was.includes(label))
    const inOrder = now.filter((label) => was.includes(label)).join('\0') === was.join('\0')
    if (!inOrder || added.length === 0 || now.length !== was.length + added.length) return true
    const shown = added.map((label) => `'${label.replaceAll("''", "'")}'`).join(', ')
    kept.push(`${object} keeps the label${added.length === 1 ? '' : 's'} ${shown}, which PostgreSQL cannot remove`)
    return false
  })
  return { difference: { ...difference, changed }, kept }
}

/** A revision as messages name it: its id and message. */
export function describeRevision(graph: RevisionGraph, scripts: ScriptDirectory, revision: string): string {
  const message = scripts.script(revision).message || graph.get(revision).message
  return message ? `${revision} (${message})` : revision
}
