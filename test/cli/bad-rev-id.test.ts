import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import { revision } from '../../src/index.js'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { failure } from '../helpers/errors.js'
import { chain, temporaryProjects } from '../helpers/project.js'

// A user-chosen revision id becomes a file name and a version_num value
// (VARCHAR(32), as Alembic's): one that cannot be either is refused before
// anything is written, naming --rev-id and the form an id takes.

const project = temporaryProjects()

const BAD_IDS: Readonly<Record<string, string>> = {
  '2,000 characters': 'a'.repeat(2000),
  '33 characters': 'b'.repeat(33),
  'a slash': 'ab/cd',
  'a parent folder': '..',
  'a path out of the folder': '../../etc/x',
  'a space': 'add email',
  'a control character': 'ab\u0001cd',
  'non-ASCII letters': 'héllo',
  'a target-syntax character': 'ab@cd',
  'nothing at all': '',
}

describe('--rev-id that cannot be a revision id', () => {
  for (const [what, id] of Object.entries(BAD_IDS)) {
    test(what, async () => {
      const made = project(chain(['rid000000001']))
      const before = readdirSync(made.versions).sort()
      for (const verb of [
        ['revision', '-m', 'x'],
        ['merge', '-m', 'x', 'heads'],
        ['migrate', '-m', 'x'],
      ]) {
        const result = await runBin([...made.base, ...verb, '--rev-id', id], { cwd: made.root })
        const line = assertCleanError(result, '--rev-id', "letters, digits or '_'", '32')
        // The id is shown quoted and cut short, control characters escaped.
        assert.ok(line.length < 300, line)
        assert.ok(![...line].some((char) => char.charCodeAt(0) < 0x20), line)
      }
      assert.deepEqual(readdirSync(made.versions).sort(), before, 'nothing written')
    })
  }

  test('a NUL character, through the API (argv cannot carry one)', async () => {
    const made = project(chain(['rid000000001']))
    const error = await failure(() => revision({ directory: made.migrations, message: 'x', revId: 'ab\u0000cd' }))
    assert.equal((error as { code?: string }).code, 'INVALID_REVISION_ID')
    assert.match((error as Error).message, /"ab\\u0000cd"/)
    assert.deepEqual(readdirSync(made.versions).length, 1)
  })

  test('32 letters, digits and underscores are fine', async () => {
    const made = project(chain(['rid000000001']))
    const id = `${'x'.repeat(30)}_9`
    const result = await runBin([...made.base, 'revision', '-m', 'x', '--rev-id', id], { cwd: made.root })
    assert.equal(result.status, 0, result.stderr)
    assert.ok(readdirSync(made.versions).some((name) => name.startsWith(id)))
  })
})
