import assert from 'node:assert/strict'
import { runBin } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import type { Project, RevisionDef } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

/**
 * A fresh project of r1 and `second` on the test database, upgraded to r1:
 * athanor's tables and the chain's are dropped first, with `alsoDrop`.
 */
export async function atR1(
  db: TestDatabase,
  project: (graph: readonly RevisionDef[]) => Project,
  second: RevisionDef,
  alsoDrop: readonly string[] = [],
): Promise<{ made: Project; base: string[] }> {
  await db.query(['DROP TABLE IF EXISTS athanor_version, athanor_version_history, migration_log, t_r1', ...alsoDrop].join(', '))
  const made = project([...portableChain(['r1']), second])
  const base = target(made.migrations, db.url)
  const first = await runBin([...base, 'upgrade', 'r1'], { cwd: made.root })
  assert.equal(first.status, 0, first.stderr)
  return { made, base }
}

/** The version rows of the test database. */
export async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}
