import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, BIN, runBin, STACK_FRAME } from '../helpers/cli.js'
import { chain, migrationLog, versionRows, temporaryProjects } from '../helpers/project.js'

// These run the real executable, as a user does: exit statuses and stream
// contents are what the process gives, not what main() returns.
const DIST_MAIN = new URL('../../dist/cli/main.js', import.meta.url)

const project = temporaryProjects()

const GRAPH = chain(['pr0000000001', 'pr0000000002', 'pr0000000003'])

describe('bin/athanor.js as a process', {
  skip: existsSync(DIST_MAIN) ? false : 'dist/ not built: run npx tsc -p tsconfig.build.json',
}, () => {
  test('--help and --version exit 0', async () => {
    const made = project([])
    const help = await runBin(['--help'], { cwd: made.root })
    assert.equal(help.status, 0)
    assert.match(help.stdout, /^usage: athanor/)
    assert.match(help.stdout, /-d, --directory/)
    const version = await runBin(['--version'], { cwd: made.root })
    assert.equal(version.status, 0)
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    assert.equal(version.stdout.trim(), pkg.version)
  })

  test('-d and --url work before the verb, after it, and with =', async () => {
    const made = project(GRAPH)
    const up = await runBin(['-d', made.migrations, '--url', made.url, 'upgrade', '+1'], { cwd: made.root })
    assert.equal(up.status, 0, up.stderr)
    const after = await runBin(['upgrade', '+1', '--url', made.url, '-d', made.migrations], { cwd: made.root })
    assert.equal(after.status, 0, after.stderr)
    const mixed = await runBin(['--directory', made.migrations, 'current', `--url=${made.url}`], { cwd: made.root })
    assert.equal(mixed.status, 0, mixed.stderr)
    assert.equal(mixed.stdout, 'pr0000000002\n')
    assert.deepEqual(migrationLog(made.dbPath), ['pr0000000001:up', 'pr0000000002:up'])
  })

  test('an error exits 1 with one line and no stack; --verbose prints the stack', async () => {
    const made = project(GRAPH)
    const plain = await runBin(['-d', made.migrations, '--url', made.url, 'upgrade', 'nowhere1'], { cwd: made.root })
    assertCleanError(plain, 'nowhere1')
    assert.equal(plain.stdout, '')
    const verbose = await runBin(['-d', made.migrations, '--url', made.url, 'upgrade', 'nowhere1', '--verbose'], { cwd: made.root })
    assert.equal(verbose.status, 1)
    assert.match(verbose.stderr, STACK_FRAME)
    assert.match(verbose.stderr, /^error: .*nowhere1/m)
  })

  test('a syntax error in a script exits 1 without a stack, naming the file', async () => {
    const made = project(GRAPH)
    const bad = made.write({ id: 'pr0000000004', down: 'pr0000000003', upgrade: '  const = 1' })
    const result = await runBin(['upgrade', '-d', made.migrations, '--url', made.url], { cwd: made.root })
    assertCleanError(result, bad, /syntax/i)
    assert.deepEqual(versionRows(made.dbPath), [])
  })

  test('sqlite:///relative.db and DATABASE_URL are relative to the working directory; -d defaults to ./migrations', async () => {
    const made = project(GRAPH)
    const flag = await runBin(['upgrade', '--url', 'sqlite:///rel.db'], { cwd: made.root })
    assert.equal(flag.status, 0, flag.stderr)
    assert.deepEqual(versionRows(join(made.root, 'rel.db')), ['pr0000000003'])
    const env = await runBin(['upgrade', 'pr0000000001'], { cwd: made.root, env: { DATABASE_URL: 'sqlite:///from-env.db' } })
    assert.equal(env.status, 0, env.stderr)
    assert.deepEqual(versionRows(join(made.root, 'from-env.db')), ['pr0000000001'])
  })

  test('the config of init reads DATABASE_URL: unset, a command that needs the database says so and creates nothing', async () => {
    const made = project([])
    const init = await runBin(['init', 'db'], { cwd: made.root })
    assert.equal(init.status, 0, init.stderr)
    const revision = await runBin(['revision', '-d', 'db', '-m', 'first', '--rev-id', 'first0000001'], { cwd: made.root })
    assert.equal(revision.status, 0, revision.stderr)
    const unset = await runBin(['-d', 'db', 'upgrade'], { cwd: made.root })
    assertCleanError(unset, 'DATABASE_URL is not set', join(made.root, '.env'))
    assert.deepEqual(readdirSync(made.root).sort(), ['db', 'migrations'])
    // Set in .env at the project's root (above db/): relative to that root, from wherever the command runs.
    writeFileSync(join(made.root, '.env'), 'DATABASE_URL=sqlite:///app.db\n')
    const up = await runBin(['upgrade'], { cwd: join(made.root, 'db', 'versions') })
    assert.equal(up.status, 0, up.stderr)
    assert.deepEqual(versionRows(join(made.root, 'app.db')), ['first0000001'])
  })

  test('upgrade --sql writes only SQL to stdout', async () => {
    const made = project(GRAPH)
    const result = await runBin(['-d', made.migrations, '--url', made.url, 'upgrade', '--sql'], { cwd: made.root })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /^BEGIN;\n/)
    for (const block of result.stdout.trim().split(/\n\n+/))
      assert.match(block, /^(--|BEGIN;|COMMIT;|CREATE|INSERT|UPDATE|DELETE|DROP)/, block)
    assert.equal(existsSync(made.dbPath), false)
  })
  test('a reader that closes the pipe early (history | head) gets no EPIPE stack', async () => {
    const made = project(GRAPH)
    for (const argv of [['history'], ['upgrade', '--sql']]) {
      const child = spawn(process.execPath, [BIN, '-d', made.migrations, '--url', made.url, ...argv], {
        cwd: made.root,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child.stdout.destroy() // closed before the child writes anything, as `| head -0` does
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
      assert.doesNotMatch(stderr, /EPIPE|Unhandled/, `${argv.join(' ')}: ${stderr}`)
      assert.doesNotMatch(stderr, STACK_FRAME, `${argv.join(' ')}: ${stderr}`)
      assert.equal(status, 0, `${argv.join(' ')}: ${stderr}`)
    }
  })
})
