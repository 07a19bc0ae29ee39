import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { replaceFile } from '../../src/script/write-script.js'
import { isAthanorError } from '../../src/core/errors.js'
import { runBin } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'

// `pull -o` replaces its file whole (a temporary file renamed over it). A
// rename over a link cut the link, over a device (`-o /dev/null`, run as
// root) put a plain file in the device's place, and the file lost its mode.

const root = mkdtempSync(join(tmpdir(), 'athanor-replace-'))
after(() => rmSync(root, { recursive: true, force: true }))
const project = temporaryProjects()

test('a link is written through: the file it names gets the text, the link stays', () => {
  const dir = mkdtempSync(join(root, 'link-'))
  mkdirSync(join(dir, 'shared'))
  writeFileSync(join(dir, 'shared', 'models.ts'), 'old\n')
  symlinkSync(join('shared', 'models.ts'), join(dir, 'models.ts'))
  replaceFile(join(dir, 'models.ts'), 'new\n')
  assert.ok(lstatSync(join(dir, 'models.ts')).isSymbolicLink())
  assert.equal(readlinkSync(join(dir, 'models.ts')), join('shared', 'models.ts'))
  assert.equal(readFileSync(join(dir, 'shared', 'models.ts'), 'utf8'), 'new\n')
})

test('a link to nothing is refused in one line, and nothing is written', () => {
  const dir = mkdtempSync(join(root, 'dangling-'))
  symlinkSync(join(dir, 'gone.ts'), join(dir, 'models.ts'))
  assert.throws(
    () => replaceFile(join(dir, 'models.ts'), 'new\n'),
    (error: unknown) =>
      isAthanorError(error, 'WRITE_FAILED') && /models\.ts: it is a link to a file that does not exist/.test(error.message),
  )
  assert.ok(lstatSync(join(dir, 'models.ts')).isSymbolicLink())
})

test('the file keeps its permissions', () => {
  const dir = mkdtempSync(join(root, 'mode-'))
  const file = join(dir, 'models.ts')
  writeFileSync(file, 'old\n')
  chmodSync(file, 0o600)
  replaceFile(file, 'new\n')
  assert.equal(statSync(file).mode & 0o777, 0o600)
  assert.equal(readFileSync(file, 'utf8'), 'new\n')
  replaceFile(join(dir, 'fresh.ts'), 'x\n')
  assert.equal(statSync(join(dir, 'fresh.ts')).mode & 0o777, 0o644 & ~process.umask())
})

test('a pipe is written into and stays a pipe', async () => {
  const dir = mkdtempSync(join(root, 'fifo-'))
  const fifo = join(dir, 'models.pipe')
  const made = spawn('mkfifo', [fifo])
  assert.equal((await once(made, 'exit'))[0], 0)
  const reader = spawn('cat', [fifo])
  let read = ''
  reader.stdout.on('data', (chunk: Buffer) => {
    read += chunk.toString()
  })
  try {
    replaceFile(fifo, 'through the pipe\n')
    // A pipe replaced by a file leaves its reader waiting for a writer: the check fails rather than waits.
    assert.ok(statSync(fifo).isFIFO(), 'still a pipe')
    await once(reader, 'exit')
    assert.equal(read, 'through the pipe\n')
  } finally {
    reader.kill()
  }
})

test('a folder is refused in one line', () => {
  const dir = mkdtempSync(join(root, 'folder-'))
  assert.throws(
    () => replaceFile(dir, 'x\n'),
    (error: unknown) => isAthanorError(error, 'WRITE_FAILED') && error.message.includes('it is a folder'),
  )
})

test('pull -o through a link to a pipe (as /dev/stdout is) writes into the pipe, through a link to a file keeps the link', async () => {
  const made = project([])
  const db = join(made.root, 'app.db')
  const url = `sqlite:///${db}`
  const sqlite = spawn('sqlite3', [db, 'CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);'])
  assert.equal((await once(sqlite, 'exit'))[0], 0)
  // A pipe and a link to it of the test's own, not /dev/stdout: code that replaced the link would replace the machine's.
  const fifo = spawn('mkfifo', [join(made.root, 'pipe')])
  assert.equal((await once(fifo, 'exit'))[0], 0)
  symlinkSync(join(made.root, 'pipe'), join(made.root, 'stdout'))
  const reader = spawn('cat', [join(made.root, 'pipe')])
  const readerDone = once(reader, 'exit')
  let printed = ''
  reader.stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  try {
    const piped = await runBin(['-d', made.migrations, '--url', url, 'pull', '-o', 'stdout'], { cwd: made.root })
    assert.equal(piped.status, 0, piped.stderr)
    assert.ok(lstatSync(join(made.root, 'stdout')).isSymbolicLink(), 'the link stays')
    assert.ok(statSync(join(made.root, 'pipe')).isFIFO(), 'the pipe stays')
    await readerDone
    assert.match(printed, /body/)
  } finally {
    reader.kill()
  }
  mkdirSync(join(made.root, 'shared'))
  writeFileSync(join(made.root, 'shared', 'models.ts'), '')
  symlinkSync(join(made.root, 'shared', 'models.ts'), join(made.root, 'models.ts'))
  const linked = await runBin(['-d', made.migrations, '--url', url, 'pull', '-o', 'models.ts'], { cwd: made.root })
  assert.equal(linked.status, 0, linked.stderr)
  assert.ok(lstatSync(join(made.root, 'models.ts')).isSymbolicLink())
  assert.match(readFileSync(join(made.root, 'shared', 'models.ts'), 'utf8'), /body/)
})
