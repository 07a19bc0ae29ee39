import { describeOperationLines } from '../../diff/index.js'
import { diffWithModels, modelsOfDatabase } from '../compare-models.js'
import type { Catalog } from './catalog.js'
import type { TestContext } from './context.js'
import { failed, passed, plural, skipped, timed } from './outcome.js'
import type { TestOutcome } from './report.js'

/** The database a live run from base to head built: what the offline script must build too. */
export interface LiveRun {
  readonly catalog: Catalog
  readonly rows: readonly string[]
}

/**
 * Upgrades a new scratch database from base to every head, each revision's
 * `testData` right after it, then compares the models with the result as
 * `check` does.
 *
 * @example
 * import type { TestContext } from './context.js'
 * declare const context: TestContext
 * const { upgrade, models, live } = await upgradeTests(context, {})
 * upgrade.status // 'passed'
 */
export async function upgradeTests(
  context: TestContext,
  options: { readonly models?: string },
): Promise<{ upgrade: TestOutcome; models: TestOutcome; live?: LiveRun }> {
  return context.withScratch(async (session) => {
    let live: LiveRun | undefined
    const upgrade = await timed('upgrade', async () => {
      const steps = context.graph.planUpgrade([], 'heads')
      await session.run(steps, { seed: true })
      live = { catalog: await session.catalog(), rows: await session.versionRows() }
      return passed(`${plural(steps.length, 'migration')} from base to ${live.rows.join(', ') || 'base'}`)
    })
    const models = await timed('models', async () => {
      if (live === undefined) return skipped('base to head failed')
      const tables = await modelsOfDatabase(context.project, options.models)
      if (tables === undefined) return skipped("no models module: set 'models' in the config")
      const lines = (await diffWithModels(session.connection, context.project, tables)).flatMap(describeOperationLines)
      if (lines.length === 0) return passed('no differences')
      return failed(`${plural(lines.length, 'difference')} between the models and the migrations; 'athanor migrate' would:`, lines)
    })
    return { upgrade, models, ...(live === undefined ? {} : { live }) }
  })
}
