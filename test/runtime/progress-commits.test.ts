import assert from 'node:assert/strict'
import { test } from 'node:test'
import { upgrade } from '../../src/index.js'
import type { RunReporter } from '../../src/runtime/reporter.js'
import { chain, temporaryProjects, versionRows } from '../helpers/project.js'

// Progress never counts a migration as done before it committed: on
// SQLite several migrations share a commit (a savepoint each), and in single
// mode nothing commits before the end, so "finished" waits for the commit.

const project = temporaryProjects()

/** A reporter that reads the version table, on a connection of its own, each time a step is reported finished. */
function committedAtEachFinish(dbPath: string): { reporter: RunReporter; seen: Array<{ revision: string; committed: string[] }> } {
  const seen: Array<{ revision: string; committed: string[] }> = []
  return {
    seen,
    reporter: {
      stepStarted() {},
      stepFinished(step) {
        seen.push({ revision: step.revision, committed: versionRows(dbPath) })
      },
    },
  }
}

for (const mode of ['per-migration', 'single'] as const) {
  test(`${mode}: each step is reported finished only once the database holds its version row`, async () => {
    const ids = ['a1', 'a2', 'a3', 'a4', 'a5']
    const made = project(chain(ids))
    const { reporter, seen } = committedAtEachFinish(made.dbPath)
    await upgrade({ directory: made.migrations, url: made.url, transactionMode: mode, reporter }, 'head')
    assert.deepEqual(
      seen.map((report) => report.revision),
      ids,
    )
    for (const { revision, committed } of seen) {
      // A straight chain has one version row: the step's own, or one after it.
      const at = ids.indexOf(committed[0] ?? '')
      assert.ok(at >= ids.indexOf(revision), `${revision} reported finished while the database held ${committed.join(', ') || 'base'}`)
    }
  })
}
