import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { buildProject, type Project } from '../helpers/project.js'
import type { DialectName } from '../../src/dialect/types.js'
import { portableChain, target, waitLines } from './fixtures.js'

const IDS = ['a10000000001', 'b20000000002', 'c30000000003', 'd40000000004', 'e50000000005']
const RUNNERS = 10

const projects: Project[] = []
after(() =>
  projects.forEach((made) => {
    made.cleanup()
  }),
)

async function column(db: TestDatabase, sql: string, name: string): Promise<string[]> {
  return (await db.query(sql)).map((row) => String(row[name])).sort()
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const satisfies readonly DialectName[]) {
  describe(`${RUNNERS} concurrent upgrades on ${dialect}`, () => {
    const db = useTestDatabase(dialect)

    test('all exit 0, every migration runs exactly once, the version table is at head', async () => {
      const made = buildProject(portableChain(IDS))
      projects.push(made)
      const runs = await Promise.all(
        Array.from({ length: RUNNERS }, () => runBin([...target(made.migrations, db.url), 'upgrade', 'head'], { cwd: made.root })),
      )
      for (const run of runs) {
        assert.equal(run.status, 0, run.stderr)
        // A runner that waited said so once, not once per poll.
        assert.ok(waitLines(run.stderr).length <= 1, run.stderr)
      }
      assert.deepEqual(await column(db, 'SELECT revision FROM migration_log', 'revision'), [...IDS].sort())
      assert.deepEqual(await column(db, 'SELECT version_num FROM athanor_version', 'version_num'), [IDS.at(-1)!])
      // Those that waited found nothing left to do once they had the lock.
      assert.equal(
        runs.filter((run) => /Nothing to upgrade/.test(run.stderr)).length,
        RUNNERS - runs.filter((run) => /Now at/.test(run.stderr)).length,
      )
      const history = await db.query("SELECT revision FROM athanor_version_history WHERE status = 'succeeded'")
      assert.equal(history.length, IDS.length)
    })
  })
}
