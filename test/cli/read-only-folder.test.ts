import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli } from '../helpers/cli.js'
import { chain, temporaryProjects } from '../helpers/project.js'

// A versions folder athanor may not write into (read-only, immutable, not
// ours) stops revision with one coded line naming the folder, not an
// "unexpected error" naming the lock folder it tried to make there. The
// immutable flag (chattr +i) refuses even root, who runs these tests.

const project = temporaryProjects()

/** Whether this file system takes the immutable flag, tried on a folder of its own. */
function canMakeImmutable(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'athanor-chattr-'))
  try {
    const set = spawnSync('chattr', ['+i', probe])
    if (set.status !== 0) return false
    spawnSync('chattr', ['-i', probe])
    return true
  } catch {
    return false
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
}

const IMMUTABLE = canMakeImmutable()

describe('a versions folder that cannot be written', { skip: IMMUTABLE ? false : 'chattr +i is not available here' }, () => {
  test('revision stops with WRITE_FAILED naming the folder; nothing is written', async () => {
    const made = project(chain(['aaa111']))
    const before = readdirSync(made.versions).sort()
    assert.equal(spawnSync('chattr', ['+i', made.versions]).status, 0)
    try {
      const line = assertCleanError(
        await cli([...made.base, 'revision', '-m', 'ro test']),
        { code: 'WRITE_FAILED' },
        `cannot write into ${made.versions}`,
      )
      assert.doesNotMatch(line, /unexpected error|athanor-writing/)
    } finally {
      spawnSync('chattr', ['-i', made.versions])
    }
    assert.deepEqual(readdirSync(made.versions).sort(), before)
  })
})
