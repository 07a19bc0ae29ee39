import { spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main.js'
import { ERROR_CODES, type ErrorCode } from '../../src/core/errors.js'

export interface CliResult {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/** A writable that keeps what was written; not a TTY, so progress is plain lines. */
class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    done()
  }
}

/**
 * Runs the CLI in this process with its own streams and environment. The env
 * is explicit so a DATABASE_URL of the machine running the tests never leaks in.
 */
export async function cli(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
  options: { tty?: boolean } = {},
): Promise<CliResult> {
  const stdout = new Capture()
  const stderr = new Capture()
  if (options.tty) Object.assign(stderr, { isTTY: true, columns: 80 })
  const status = await main(argv, { stdout, stderr, env })
  return { status, stdout: stdout.text, stderr: stderr.text }
}

/** Like {@link cli} but fails the test unless the command succeeded, showing its stderr. */
export async function cliOk(argv: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const result = await cli(argv, env)
  if (result.status !== 0) {
    throw new Error(`athanor ${argv.join(' ')} exited ${result.status}:\n${result.stderr}${result.stdout}`)
  }
  return result
}

export const BIN = fileURLToPath(new URL('../../bin/athanor.js', import.meta.url))

/** Runs `node bin/athanor.js` as a real process (needs dist/ built). */
export function runBin(argv: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }
    for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }))
  })
}

/** A stack trace line as V8 prints it (`    at fn (file:line:col)`). */
export const STACK_FRAME = /^\s+at\s.+[:(]/m

/**
 * The exit status an error must have: its code's in ERROR_CODES, or a
 * verb's own (`check` exits 2 on any error).
 */
export type ExpectedStatus = { readonly code: ErrorCode } | { readonly status: number }

/**
 * The CLI's error contract: the exit status of the error (1, that of every
 * failure, unless a `{ code }` or `{ status }` is given first: usage errors
 * exit 2, as does `check` on any error), one line on stderr starting with
 * `error:`, no stack frame, and the message names what it must name.
 */
export function assertCleanError(result: CliResult, ...mustMention: ReadonlyArray<string | RegExp | ExpectedStatus>): string {
  const [first] = mustMention
  const expected = typeof first === 'object' && !(first instanceof RegExp) ? first : undefined
  const expectedCode = expected !== undefined && 'code' in expected ? expected.code : undefined
  const status = expected === undefined ? 1 : 'code' in expected ? ERROR_CODES[expected.code].exit : expected.status
  const lines = result.stderr.split('\n').filter((line) => line !== '')
  const fail = (why: string) => new Error(`${why}\nstatus: ${result.status}\nstderr:\n${result.stderr}\nstdout:\n${result.stdout}`)
  if (result.status !== status) throw fail(`expected exit status ${status}${expectedCode === undefined ? '' : ` (${expectedCode})`}`)
  const errorLines = lines.filter((line) => line.startsWith('error: '))
  if (errorLines.length !== 1) throw fail('expected exactly one error line')
  if (STACK_FRAME.test(result.stderr)) throw fail('stack trace printed without --verbose')
  const line = errorLines[0]!
  for (const expected of mustMention) {
    if (typeof expected === 'object' && !(expected instanceof RegExp)) continue
    const found = typeof expected === 'string' ? line.includes(expected) : expected.test(line)
    if (!found) throw fail(`error line does not mention ${String(expected)}`)
  }
  return line
}
