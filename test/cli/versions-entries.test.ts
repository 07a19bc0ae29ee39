import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { type Project, temporaryProjects, versionRows } from '../helpers/project.js'

// What else a versions folder may hold besides script files: a folder is
// not a script, whatever its name (as in Alembic); an entry named like a
// script that cannot be read as one is one coded line naming it.

const project = temporaryProjects()

const VERBS = [['upgrade'], ['current'], ['history']] as const

function atR1(): Project {
  return project([{ id: 'r1', down: null, ext: 'js' }])
}

describe('a folder in versions/ is not a script', () => {
  for (const [what, make] of [
    ['a folder named old.ts', (made: Project) => mkdirSync(join(made.versions, 'old.ts'))],
    ['a symbolic link to a folder, named linked.ts', (made: Project) => symlinkSync(made.migrations, join(made.versions, 'linked.ts'))],
  ] as const) {
    test(`${what}: upgrade, current and history leave it out`, async () => {
      const made = atR1()
      make(made)
      for (const verb of VERBS) {
        const run = await runBin([...made.base, ...verb], { cwd: made.root })
        assert.equal(run.status, 0, `${verb.join(' ')}: ${run.stderr}`)
      }
      assert.deepEqual(versionRows(made.dbPath), ['r1'])
    })
  }
})

describe('an entry named like a script that is not a readable file', () => {
  for (const [what, name, make, reason] of [
    [
      'a dangling symbolic link',
      'zz_dangling.ts',
      (path: string) => symlinkSync('/nonexistent/x.ts', path),
      /zz_dangling\.ts: .*\/nonexistent\/x\.ts, which does not exist/,
    ],
    ['a named pipe', 'zz_pipe.ts', (path: string) => execFileSync('mkfifo', [path]), /zz_pipe\.ts: .*not a regular file/],
  ] as const) {
    test(`${what}: upgrade, current and history fail with one line naming it`, { timeout: 60_000 }, async () => {
      const made = atR1()
      const path = join(made.versions, name)
      make(path)
      for (const verb of VERBS) {
        const run = await runBin([...made.base, ...verb], { cwd: made.root })
        const line = assertCleanError(run, { code: 'SCRIPT_UNREADABLE' }, path, reason)
        assert.doesNotMatch(line, /unexpected error/)
      }
      assert.ok(!existsSync(made.dbPath) || versionRows(made.dbPath).length === 0, 'nothing ran')
    })
  }
})
