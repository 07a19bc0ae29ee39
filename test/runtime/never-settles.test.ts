import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, test } from 'node:test'
import { runBin, STACK_FRAME, type CliResult } from '../helpers/cli.js'
import { temporaryProjects, versionRows } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// A module whose top-level await never settles: with nothing left on the
// event loop, Node would end the process with status 13 and no word.
// athanor names the module instead.

const project = temporaryProjects()

/** Status 1 and exactly one error line, matching `line`, without a stack. */
function assertOneLine(result: CliResult, line: RegExp): string {
  const lines = result.stderr.split('\n').filter((text) => text.startsWith('error:'))
  assert.equal(lines.length, 1, result.stderr)
  assert.match(lines[0]!, line)
  assert.equal(result.status, 1, result.stderr)
  assert.doesNotMatch(result.stderr, STACK_FRAME)
  return lines[0]!
}

describe('a config or script module whose top-level await never settles', () => {
  test('the config file: one line naming it, not a silent status 13', async () => {
    const made = project(portableChain(['r1']))
    made.config('await new Promise(() => {})\nexport default { url: "sqlite:///x.db" }\n')
    const result = await runBin(['-d', made.migrations, 'current'], { cwd: made.root })
    assertOneLine(
      result,
      /^error: .*athanor\.config\.ts never finished loading: its top-level code awaits a promise that nothing left can settle/,
    )
  })

  test('a migration script: one line naming it, before anything runs', async () => {
    const made = project(portableChain(['r1']))
    made.writeRaw('r2_stuck.js', "export const revision = 'r2'\nexport const downRevision = 'r1'\nawait new Promise(() => {})\n")
    const result = await runBin([...target(made.migrations, made.url), 'upgrade'], { cwd: made.root })
    assertOneLine(result, /^error: .*r2_stuck\.js never finished loading/)
    assert.deepEqual(existsSync(made.dbPath) ? versionRows(made.dbPath) : [], [])
  })
})
