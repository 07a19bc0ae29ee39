import { resolveVerb } from './verbs-safety.js'
import { convertAlembicVerb } from './verbs/convert-alembic.js'
import { currentVerb } from './verbs/current.js'
import { downgradeVerb } from './verbs/downgrade.js'
import { branchesVerb, headsVerb, showVerb } from './verbs/graph.js'
import { historyVerb } from './verbs/history.js'
import { initVerb } from './verbs/init.js'
import { lintVerb } from './verbs/lint.js'
import { mergeVerb } from './verbs/merge.js'
import { checkVerb, migrateVerb, pullVerb } from './verbs/models.js'
import { revisionVerb } from './verbs/revision.js'
import type { Verb } from './verbs/shared.js'
import { stampVerb } from './verbs/stamp.js'
import { statusVerb } from './verbs/status.js'
import { testVerb } from './verbs/test.js'
import { upgradeVerb } from './verbs/upgrade.js'

export type { Verb, VerbArgs } from './verbs/shared.js'

/** Every command of the CLI, in the order `athanor --help` lists them; each lives in verbs/. */
export const VERBS: Readonly<Record<string, Verb>> = {
  init: initVerb,
  revision: revisionVerb,
  merge: mergeVerb,
  upgrade: upgradeVerb,
  downgrade: downgradeVerb,
  current: currentVerb,
  status: statusVerb,
  history: historyVerb,
  heads: headsVerb,
  branches: branchesVerb,
  show: showVerb,
  stamp: stampVerb,
  migrate: migrateVerb,
  check: checkVerb,
  test: testVerb,
  lint: lintVerb,
  pull: pullVerb,
  resolve: resolveVerb,
  'convert-alembic': convertAlembicVerb,
}
