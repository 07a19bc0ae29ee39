import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, BIN, type CliResult, runBin } from '../helpers/cli.js'
import { buildProject, chain, type RevisionDef, scriptText, versionRows } from '../helpers/project.js'

// A disk that fills while athanor writes: one line, exit status 1, and no
// partial or temporary file left behind. A compile cache that cannot be
// written only costs speed: the command goes on without it, leaving nothing.
// Two ways to fill a disk: a small tmpfs (needs root, to mount it), and a
// file-size limit (`ulimit -f`, for anyone), under which a write past the
// limit fails with EFBIG.

const IS_ROOT = process.getuid?.() === 0
const CAN_MOUNT = IS_ROOT && spawnSync('mount', ['--version']).status === 0
const PAGE = 4096

/** Every file and folder under `dir`, relative, sorted. */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort()
}

/**
 * What a compile cache holds apart from compiled modules, each checked whole:
 * the header cache, written by rename, is a complete JSON file or absent.
 */
function withoutHeaderCache(dir: string): string[] {
  return listing(dir).filter((name) => {
    if (!/^script-headers-[0-9a-f]+\.json$/.test(name)) return true
    JSON.parse(readFileSync(join(dir, name), 'utf8'))
    return false
  })
}

/** The leftovers of interrupted writes: temporary files and the folder-writing lock. */
function leftovers(dir: string): string[] {
  return listing(dir).filter((name) => /\.tmp$|\.athanor-writing/.test(name))
}

/** Runs `work` with a tmpfs of `bytes` mounted on a fresh folder; unmounts it whatever happens. */
async function withSmallDisk(bytes: number, work: (mount: string, fillTo: (free: number) => void) => Promise<void>): Promise<void> {
  const mount = mkdtempSync(join(tmpdir(), 'athanor-full-'))
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', mount], { encoding: 'utf8' })
  assert.equal(mounted.status, 0, `mount tmpfs: ${mounted.stderr}`)
  try {
    /** Writes a filler file so that only `free` bytes are left. */
    const fillTo = (free: number) => {
      const stats = statfsSync(mount)
      const available = stats.bavail * stats.bsize
      writeFileSync(join(mount, `filler-${available}`), Buffer.alloc(Math.max(0, available - free)))
      const after = statfsSync(mount)
      assert.equal(after.bavail * after.bsize, free, 'the filler left the space asked for')
    }
    await work(mount, fillTo)
  } finally {
    spawnSync('umount', [mount])
    rmSync(mount, { recursive: true, force: true })
  }
}

/** Runs the CLI under `ulimit -f blocks` (1 KiB blocks): no file it writes may grow past that. */
function runLimited(blocks: number, argv: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env }
    const child = spawn('bash', ['-c', `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, BIN, ...argv], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }))
  })
}

/** A TypeScript script whose compiled form is far larger than a page: its padding is a string, which compiling keeps. */
function bigScript(def: RevisionDef): RevisionDef {
  return { ...def, ext: 'ts', extra: `const padding: string = '${'padding '.repeat(12000)}'\nvoid padding` }
}

/** A migrations folder with `graph` inside `parent`, and a database beside it. */
function projectIn(parent: string, graph: readonly RevisionDef[]) {
  const made = buildProject(graph)
  const migrations = join(parent, 'migrations')
  cpSync(made.migrations, migrations, { recursive: true })
  made.cleanup()
  const dbPath = join(parent, 'app.db')
  return {
    root: parent,
    migrations,
    versions: join(migrations, 'versions'),
    dbPath,
    base: ['-d', migrations, '--url', `sqlite:///${dbPath}`],
  }
}

describe('a full disk (a small tmpfs)', {
  skip: CAN_MOUNT ? false : 'not root: cannot mount a tmpfs (the ulimit -f cases below still run)',
}, () => {
  test('revision: no room at all leaves no script, no temporary file and no lock', async () => {
    await withSmallDisk(16 * PAGE, async (mount, fillTo) => {
      const made = projectIn(mount, chain(['full00000001']))
      const before = listing(made.versions)
      fillTo(0)
      const result = await runBin([...made.base, 'revision', '-m', 'next'], { cwd: mount })
      assertCleanError(result, made.versions, 'no space left')
      assert.deepEqual(listing(made.versions), before)
    })
  })

  test('revision: room for the lock but not the script', async () => {
    await withSmallDisk(16 * PAGE, async (mount, fillTo) => {
      const made = projectIn(mount, chain(['full00000001']))
      const before = listing(made.versions)
      fillTo(PAGE)
      const result = await runBin([...made.base, 'revision', '-m', 'next', '--rev-id', 'full00000002'], { cwd: mount })
      assertCleanError(result, join(made.versions, 'full00000002_next.ts'), 'no space left', 'nothing was written')
      assert.deepEqual(listing(made.versions), before)
    })
  })

  test('init: nothing of the new folder is left', async () => {
    await withSmallDisk(16 * PAGE, async (mount, fillTo) => {
      fillTo(PAGE)
      const before = listing(mount)
      const result = await runBin(['init', join(mount, 'migrations')], { cwd: mount })
      assertCleanError(result, join(mount, 'migrations'), 'no space left')
      assert.deepEqual(listing(mount), before)
    })
  })

  test('pull: the models module it replaces is kept whole', async () => {
    await withSmallDisk(16 * PAGE, async (mount, fillTo) => {
      const parent = mkdtempSync(join(tmpdir(), 'athanor-pull-'))
      try {
        const made = projectIn(parent, chain(['pull00000001']))
        const up = await runBin([...made.base, 'upgrade'], { cwd: parent })
        assert.equal(up.status, 0, up.stderr)
        const models = join(mount, 'models.ts')
        writeFileSync(models, `// the models as they were\n${'x'.repeat(3000)}\n`)
        const before = readFileSync(models, 'utf8')
        fillTo(0)
        const result = await runBin([...made.base, 'pull', '-o', models], { cwd: parent })
        assertCleanError(result, models, 'no space left')
        assert.equal(readFileSync(models, 'utf8'), before)
        assert.deepEqual(leftovers(mount), [])
      } finally {
        rmSync(parent, { recursive: true, force: true })
      }
    })
  })

  test('the compile cache: the run goes on without it and leaves no temporary file', async () => {
    await withSmallDisk(16 * PAGE, async (cache, fillTo) => {
      const parent = mkdtempSync(join(tmpdir(), 'athanor-cache-'))
      try {
        const made = projectIn(parent, [bigScript({ id: 'cache0000001', down: null })])
        // A script that imports a sibling file is compiled by the loader hooks, which cache on their own.
        writeFileSync(join(made.migrations, 'helper.ts'), `export const note: string = '${'h'.repeat(6000)}'\n`)
        const hooked = bigScript({ id: 'cache0000002', down: 'cache0000001' })
        writeFileSync(
          join(made.versions, 'cache0000002_hooked.ts'),
          scriptText({ ...hooked, extra: `import { note } from '../helper.js'\nvoid note\n${hooked.extra}` }),
        )
        fillTo(PAGE)
        const result = await runBin([...made.base, 'upgrade'], { cwd: parent, env: { ATHANOR_CACHE_DIR: cache } })
        assert.equal(result.status, 0, result.stderr)
        assert.deepEqual(versionRows(made.dbPath), ['cache0000002'])
        assert.deepEqual(
          withoutHeaderCache(cache).filter((name) => !name.startsWith('filler-')),
          [],
          'no temporary or half-written compiled file',
        )
      } finally {
        rmSync(parent, { recursive: true, force: true })
      }
    })
  })

  test('the database itself: the migration fails as one line and the database stays at its revision', async () => {
    await withSmallDisk(64 * PAGE, async (mount, fillTo) => {
      const made = projectIn(mount, [
        { id: 'disk00000001', down: null, ext: 'js' },
        {
          id: 'disk00000002',
          down: 'disk00000001',
          ext: 'js',
          upgrade:
            '  await op.execute("CREATE TABLE blob_rows (b BLOB)")\n  await op.execute("INSERT INTO blob_rows VALUES (zeroblob(1000000))")',
        },
      ])
      const first = await runBin([...made.base, 'upgrade', 'disk00000001'], { cwd: mount })
      assert.equal(first.status, 0, first.stderr)
      fillTo(2 * PAGE)
      const result = await runBin([...made.base, 'upgrade'], { cwd: mount })
      assertCleanError(result, made.dbPath, 'the disk is full')
      assert.deepEqual(versionRows(made.dbPath), ['disk00000001'])
      assert.deepEqual(leftovers(mount), [])
    })
  })
})

describe('a file-size limit (ulimit -f)', () => {
  test('revision: a script larger than the limit is not left half-written', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'athanor-ulimit-'))
    try {
      const made = projectIn(parent, chain(['lim000000001']))
      const before = listing(made.versions)
      const message = `a long message ${'word '.repeat(600)}`
      const result = await runLimited(1, [...made.base, 'revision', '-m', message, '--rev-id', 'lim000000002'], { cwd: parent })
      assertCleanError(result, join(made.versions, 'lim000000002_'), 'nothing was written')
      assert.deepEqual(listing(made.versions), before)
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })

  test('the compile cache: the run goes on without it and leaves no temporary file', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'athanor-ulimit-'))
    try {
      const made = projectIn(parent, [bigScript({ id: 'lim000000001', down: null })])
      const cache = join(parent, 'cache')
      mkdirSync(cache, { mode: 0o700 })
      chmodSync(cache, 0o700)
      // 64 KiB: room for the small database, not for the compiled script and its source map.
      const result = await runLimited(64, [...made.base, 'upgrade'], { cwd: parent, env: { ATHANOR_CACHE_DIR: cache } })
      assert.equal(result.status, 0, result.stderr)
      assert.deepEqual(versionRows(made.dbPath), ['lim000000001'])
      assert.deepEqual(withoutHeaderCache(cache), [])
      assert.ok(existsSync(made.dbPath))
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })
})
