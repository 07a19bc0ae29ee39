import { failed, passed, plural, type Verdict } from './outcome.js'
import type { TestContext } from './context.js'

/**
 * One head, or exactly the config's `expectedHeads`; and every revision on
 * the way from base to them, so none is left that no upgrade applies. A
 * graph that cannot be built (a cycle, a missing down revision) fails here.
 *
 * @example
 * import type { TestContext } from './context.js'
 * declare const context: TestContext
 * const verdict = headsTest(context) // passed('head ae1027a6acf0; 3 revisions, each reached from base')
 */
export function headsTest(context: TestContext): Verdict {
  const { graph } = context
  const heads = [...graph.heads]
  const configured = context.project.config.expectedHeads
  const problems: string[] = []
  const expected = configured === undefined ? heads : [...new Set(configured.flatMap((spec) => graph.resolve(spec)))]
  if (configured === undefined && heads.length > 1) {
    problems.push(`${heads.length} heads: ${heads.join(', ')}; merge them ('athanor merge -m MSG heads') or list them in expectedHeads`)
  }
  if (configured !== undefined) {
    for (const head of heads.filter((h) => !expected.includes(h))) problems.push(`head ${head} is not one of expectedHeads`)
    for (const revision of expected.filter((e) => !heads.includes(e))) problems.push(`expected head ${revision} is not a head`)
  }
  const reached = new Set(expected.flatMap((head) => graph.planUpgrade([], head).map((step) => step.revision)))
  for (const revision of graph.revisions.filter((r) => !reached.has(r.id))) {
    problems.push(`revision ${revision.id} (${revision.source ?? 'no file'}) is not on the way from base to ${expected.join(', ')}`)
  }
  if (problems.length > 0) return failed(problems[0]!, problems.slice(1))
  const count = plural(graph.revisions.length, 'revision')
  const shown =
    heads.length === 0
      ? 'no revisions yet'
      : `${heads.length === 1 ? 'head' : 'heads'} ${heads.join(', ')}; ${count}, each reached from base`
  return passed(shown)
}
