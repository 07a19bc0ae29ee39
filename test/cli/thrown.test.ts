import assert from 'node:assert/strict'
import { test } from 'node:test'
import { runBin } from '../helpers/cli.js'
import { tableNames, temporaryProjects, versionRows } from '../helpers/project.js'

// Whatever a script throws, and wherever: one line naming the revision and
// the thrown value, exit status 1, nothing of the migration committed.

const project = temporaryProjects()

const THROWS = {
  'an object with no prototype': 'throw Object.create(null)',
  'a string': "throw 'plain words'",
  undefined: 'throw undefined',
  "a timer's throw": "setTimeout(() => { throw new Error('timer boom') }, 0)\n  await new Promise((done) => setTimeout(done, 100))",
  'process.exit(0)': 'process.exit(0)',
  'an unawaited rejection': "Promise.reject(new Error('nobody waited'))\n  await new Promise((done) => setTimeout(done, 100))",
}

for (const [what, body] of Object.entries(THROWS)) {
  test(`a script that throws ${what}`, async () => {
    const made = project([
      { id: 'r1', down: null, ext: 'js' },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: `  await op.execute('CREATE TABLE half (a INTEGER)')\n  ${body}` },
    ])
    const run = await runBin([...made.base, 'upgrade'], { cwd: made.root })
    assert.equal(run.status, 1, run.stderr)
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error'))
    assert.equal(errors.length, 1, run.stderr)
    assert.match(errors[0]!, /upgrade of revision r2 \(.*r2_.*\.js\) failed/)
    assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace')
    assert.ok(!tableNames(made.dbPath).includes('half'))
    // A failure outside the await ends the process: the database keeps what
    // was committed before it, at a revision boundary the version table tells.
    const rows = versionRows(made.dbPath)
    assert.ok(rows.length === 0 || (rows.length === 1 && rows[0] === 'r1'), rows.join())
    assert.equal(tableNames(made.dbPath).includes('t_r1'), rows.length === 1)
  })
}
