import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, BIN, type CliResult, runBin } from '../helpers/cli.js'
import { chain, type Project, temporaryProjects, versionRows } from '../helpers/project.js'

// A sqlite:/// URL naming something that is not a SQLite database is refused
// when the connection opens: one line naming the file, and nothing written
// to it or beside it (no lock file, no journal).

const project = temporaryProjects()

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.alloc(200, 0x41)])

const VERBS = [['current'], ['upgrade'], ['stamp', 'head'], ['history', '--applied']]

/** Every verb that opens the database refuses `path` with one line naming it; the file and its folder are left as they were. */
async function assertRefused(made: Project, path: string, ...mentions: ReadonlyArray<string | RegExp>): Promise<void> {
  const folder = join(path, '..')
  const before = readdirSync(folder).sort()
  const content = statSync(path).isFile() ? readFileSync(path) : undefined
  for (const verb of VERBS) {
    const result = await runBin(['-d', made.migrations, '--url', `sqlite:///${path}`, ...verb], { cwd: made.root })
    assertCleanError(result, path, ...mentions)
  }
  assert.deepEqual(readdirSync(folder).sort(), before, 'nothing written beside it')
  if (content !== undefined) assert.deepEqual(readFileSync(path), content, 'nothing written to it')
}

describe('a sqlite:/// URL naming something that is not a SQLite database', () => {
  test('a text file', async () => {
    const made = project(chain(['sql000000001']))
    const path = join(made.root, 'notes.db')
    writeFileSync(path, 'hello, these are notes\n')
    await assertRefused(made, path, 'is not a SQLite database')
  })

  test('a PNG image', async () => {
    const made = project(chain(['sql000000001']))
    const path = join(made.root, 'picture.db')
    writeFileSync(path, PNG_HEADER)
    await assertRefused(made, path, 'is not a SQLite database')
  })

  test('a file with a SQLite header and garbage after it', async () => {
    const made = project(chain(['sql000000001']))
    const path = join(made.root, 'damaged.db')
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xff)]))
    await assertRefused(made, path, 'SQLite database')
  })

  test('/dev/null', async () => {
    const made = project(chain(['sql000000001']))
    for (const verb of VERBS) {
      const result = await runBin(['-d', made.migrations, '--url', 'sqlite:////dev/null', ...verb], { cwd: made.root })
      assertCleanError(result, '/dev/null', 'is not a SQLite database')
    }
    assert.ok(!existsSync('/dev/null-athanor-lock'))
  })

  test('a folder', async () => {
    const made = project(chain(['sql000000001']))
    const path = join(made.root, 'folder.db')
    mkdirSync(path)
    await assertRefused(made, path, 'is not a SQLite database', 'folder')
    assert.deepEqual(readdirSync(path), [])
  })

  test('a file in a folder that does not exist', async () => {
    const made = project(chain(['sql000000001']))
    const path = join(made.root, 'no', 'such', 'folder', 'app.db')
    const result = await runBin(['-d', made.migrations, '--url', `sqlite:///${path}`, 'upgrade'], { cwd: made.root })
    assertCleanError(result, path, join(made.root, 'no', 'such', 'folder'), 'does not exist')
    assert.ok(!existsSync(join(made.root, 'no')))
  })

  test('an empty file is an empty database, as SQLite has it', async () => {
    const made = project(chain(['sql000000001']))
    writeFileSync(made.dbPath, '')
    const up = await runBin([...made.base, 'upgrade'], { cwd: made.root })
    assert.equal(up.status, 0, up.stderr)
  })
})

// Alembic's `current` on a mistyped path leaves an empty database file
// behind, which a later command then takes for the database.
describe('a sqlite:/// URL naming a file that does not exist yet', () => {
  test('current, history -i and status report it at base and do not create it', async () => {
    const made = project(chain(['sql000000001']))
    const typo = ['-d', made.migrations, '--url', `sqlite:///${join(made.root, 'typo.db')}`]
    const current = await runBin([...typo, 'current'], { cwd: made.root })
    assert.equal(current.status, 0, current.stderr)
    assert.match(current.stderr, /typo\.db does not exist yet, so it is at base: no revision applied/)
    const json = JSON.parse((await runBin([...typo, 'current', '--json'], { cwd: made.root })).stdout)
    assert.equal(json.databases[0].missing, true)
    for (const verb of [['history', '-i'], ['status']]) await runBin([...typo, ...verb], { cwd: made.root })
    assert.deepEqual(
      readdirSync(made.root).filter((name) => name.startsWith('typo')),
      [],
      'no file made',
    )
  })
})

/** Whether this process may run a command as `nobody`: only root may switch users. */
const NOBODY = 65534
const canSwitchUser = process.getuid?.() === 0 && spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY }).status === 0

/** Runs the CLI as a user who is not root, so file permissions apply: as `nobody` when running as root, else as this user. */
function runAsNonRoot(argv: readonly string[], cwd: string): Promise<CliResult> {
  if (process.getuid?.() !== 0) return runBin(argv, { cwd })
  return new Promise((resolve, reject) => {
    const result = spawnSync(process.execPath, [BIN, ...argv], {
      cwd,
      uid: NOBODY,
      gid: NOBODY,
      env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', ATHANOR_CACHE_DIR: 'off' },
      encoding: 'utf8',
    })
    if (result.error) reject(result.error)
    else resolve({ status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr })
  })
}

describe('a SQLite database this user cannot read', {
  skip: process.getuid?.() === 0 && !canSwitchUser ? 'running as root, and cannot run a command as nobody (uid 65534)' : false,
}, () => {
  test('is refused naming the file and the permission', async () => {
    const made = project(chain(['sql000000001']))
    const up = await runBin([...made.base, 'upgrade'], { cwd: made.root })
    assert.equal(up.status, 0, up.stderr)
    // nobody must reach the project, not the database.
    for (const folder of [made.root, made.migrations, made.versions]) chmodSync(folder, 0o755)
    for (const script of readdirSync(made.versions)) chmodSync(join(made.versions, script), 0o644)
    chmodSync(made.dbPath, 0o000)
    const before = readdirSync(made.root).sort()
    for (const verb of [['current'], ['upgrade']]) {
      assertCleanError(await runAsNonRoot([...made.base, ...verb], made.root), made.dbPath, 'permission')
    }
    assert.deepEqual(readdirSync(made.root).sort(), before, 'nothing written beside it')
    chmodSync(made.dbPath, 0o644)
  })
})

describe('a SQLite database this user cannot write', {
  skip: process.getuid?.() === 0 && !canSwitchUser ? 'running as root, and cannot run a command as nobody (uid 65534)' : false,
}, () => {
  /** A project at r1 that nobody can read, with the database's folder and file as `folder` and `file` say. */
  async function readableProject(folder: number, file: number) {
    const made = project(chain(['sql000000001', 'sql000000002']))
    const up = await runBin([...made.base, 'upgrade', 'sql000000001'], { cwd: made.root })
    assert.equal(up.status, 0, up.stderr)
    for (const dir of [made.migrations, made.versions]) chmodSync(dir, 0o755)
    for (const script of readdirSync(made.versions)) chmodSync(join(made.versions, script), 0o644)
    chmodSync(made.dbPath, file)
    chmodSync(made.root, folder)
    return made
  }

  test('in a read-only folder: the one line names the folder, not the lock file', async () => {
    const made = await readableProject(0o555, 0o666)
    try {
      const before = readdirSync(made.root).sort()
      for (const verb of [['upgrade'], ['stamp', 'head']]) {
        const message = assertCleanError(
          await runAsNonRoot([...made.base, ...verb], made.root),
          { code: 'WRITE_FAILED' },
          `cannot write SQLite database ${made.dbPath}: its folder ${made.root} is not writable by this user`,
        )
        assert.doesNotMatch(message, /athanor-lock/)
      }
      const current = await runAsNonRoot([...made.base, 'current'], made.root)
      assert.equal(current.status, 0, current.stderr)
      assert.deepEqual(readdirSync(made.root).sort(), before, 'nothing written beside it')
    } finally {
      chmodSync(made.root, 0o755)
    }
  })

  test('a read-only file in a writable folder: the one line says the file is read-only', async () => {
    const made = await readableProject(0o777, 0o444)
    try {
      assertCleanError(
        await runAsNonRoot([...made.base, 'upgrade'], made.root),
        { code: 'WRITE_FAILED' },
        `cannot write SQLite database ${made.dbPath}: the file is read-only for this user`,
      )
      assert.deepEqual(versionRows(made.dbPath), ['sql000000001'])
    } finally {
      chmodSync(made.root, 0o755)
    }
  })
})
