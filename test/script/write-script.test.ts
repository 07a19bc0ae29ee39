import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { BIN, runBin } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'

// New scripts are written whole or not at all, and two commands writing
// into one versions folder at once cannot both take the same parent.

const project = temporaryProjects()

const scriptsIn = (folder: string) => readdirSync(folder).filter((name) => /\.(ts|js)$/.test(name))

test('concurrent revisions: one head afterwards, and a loser says why in one line', async () => {
  for (let attempt = 0; attempt < 4; attempt++) {
    const made = project([{ id: 'a1', down: null }])
    const runs = await Promise.all(
      ['one', 'two', 'three'].map((message) => runBin(['-d', made.migrations, 'revision', '-m', message], { cwd: made.root })),
    )
    for (const run of runs) {
      if (run.status === 0) continue
      assert.match(run.stderr, /^error: while this revision was made, .* was written; run the command again$/m, run.stderr)
    }
    const heads = await runBin(['-d', made.migrations, 'heads'], { cwd: made.root })
    assert.equal(heads.status, 0, heads.stderr)
    assert.equal(heads.stdout.trim().split('\n').length, 1, `one head, not several:\n${heads.stdout}`)
    assert.equal(scriptsIn(made.versions).length, 1 + runs.filter((run) => run.status === 0).length)
  }
})

test('a full disk leaves no empty script behind, and every later command still works', async (t) => {
  const made = project([{ id: 'a1', down: null }])
  const disk = join(made.root, 'disk')
  mkdirSync(disk)
  // A small tmpfs of its own when the test runs as root; otherwise a file-size limit.
  const mount = process.getuid?.() === 0 ? spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]) : undefined
  const onTmpfs = mount?.status === 0
  try {
    const migrations = join(disk, 'migrations')
    mkdirSync(join(migrations, 'versions'), { recursive: true })
    for (const name of readdirSync(made.versions)) {
      writeFileSync(join(migrations, 'versions', name), readFileSync(join(made.versions, name), 'utf8'))
    }
    if (onTmpfs) {
      // Fill the disk to its last few hundred bytes.
      try {
        writeFileSync(join(disk, 'filler'), Buffer.alloc(64 * 1024))
      } catch {
        // Full: what was written stays, which is the point.
      }
    }
    t.diagnostic(onTmpfs ? 'on a full tmpfs' : 'under ulimit -f 0')
    const run = onTmpfs
      ? await runBin(['-d', migrations, 'revision', '-m', 'no room'], { cwd: made.root })
      : spawnSync(
          'bash',
          ['-c', `ulimit -f 0; exec "${process.execPath}" "$@"`, 'bash', BIN, '-d', migrations, 'revision', '-m', 'no room'],
          {
            encoding: 'utf8',
          },
        )
    assert.notEqual(run.status, 0)
    if (onTmpfs) assert.match(run.stderr, /^error: cannot write .*: no space left on the device; nothing was written$/m)
    assert.deepEqual(scriptsIn(join(migrations, 'versions')), ['a1_create_t_a1.ts'])
    const heads = await runBin(['-d', migrations, 'heads'], { cwd: made.root })
    assert.equal(heads.status, 0, heads.stderr)
    assert.match(heads.stdout, /a1/)
  } finally {
    if (onTmpfs) spawnSync('umount', [disk])
  }
})
