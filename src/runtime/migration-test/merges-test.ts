import { compareCatalogs, isSameCatalog, type Catalog } from './catalog.js'
import type { TestContext } from './context.js'
import { differenceLines, errorLine, failed, isRunStop, passed, plural, skipped, type Verdict } from './outcome.js'
import { describeRevision } from './stairway-test.js'

// Six parents make 720 orders; past this many, the first orders of each parent's rotation stand for the rest.
const MOST_ORDERS = 24

/**
 * Every merge point reached through each order of its parents' branches:
 * on a new scratch database per order, upgrade to one parent, then the
 * next, then the merge. Each order must succeed and build the same catalog
 * as the first.
 *
 * @example
 * import type { TestContext } from './context.js'
 * declare const context: TestContext
 * const verdict = await mergesTest(context) // skipped('no merge points')
 */
export async function mergesTest(context: TestContext): Promise<Verdict> {
  const { graph, scripts } = context
  const merges = graph.revisions.filter((revision) => revision.isMergePoint)
  if (merges.length === 0) return skipped('no merge points')
  const problems: string[] = []
  let orders = 0
  for (const merge of [...merges].reverse()) {
    const name = describeRevision(graph, scripts, merge.id)
    let reference: { order: string; catalog: Catalog } | undefined
    for (const parents of permutations(merge.downRevisions).slice(0, MOST_ORDERS)) {
      orders++
      const order = parents.join(' then ')
      const result = await context.withScratch(async (session) => {
        for (const target of [...parents, merge.id]) {
          try {
            await session.run(graph.planUpgrade(session.heads, target), { seed: true })
          } catch (error) {
            if (isRunStop(error)) throw error
            return `merge ${name} through ${order}: upgrade to ${target} failed: ${errorLine(error)}`
          }
        }
        return session.catalog()
      })
      if (typeof result === 'string') {
        problems.push(result)
        continue
      }
      if (reference === undefined) {
        reference = { order, catalog: result }
        continue
      }
      const difference = compareCatalogs(reference.catalog, result)
      if (isSameCatalog(difference)) continue
      const prefix = `merge ${name} through ${order}`
      problems.push(
        ...differenceLines(difference, {
          extra: (object) => `${prefix} has ${object}, which ${reference!.order} does not`,
          missing: (object) => `${prefix} lacks ${object}, which ${reference!.order} has`,
          changed: (object, expected, actual) => `${prefix} makes ${object} ${actual}, where ${reference!.order} makes it ${expected}`,
        }),
      )
    }
  }
  if (problems.length > 0) return failed(problems[0]!, problems.slice(1))
  return passed(`${plural(merges.length, 'merge point')}, ${plural(orders, 'order')} of their parents, the same schema each time`)
}

/** Every order of the items, the given one first. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}
