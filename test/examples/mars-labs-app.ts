// Runs the MARS-labs example as its users do: the athanor CLI and the API
// server as real processes, on SQLite files in a fresh instance folder.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBin, type CliResult } from '../helpers/cli.js'

export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/mars-labs', import.meta.url))
export const MIGRATIONS_DIR = join(EXAMPLE_DIR, 'migrations')
const MAIN = join(EXAMPLE_DIR, 'src', 'main.ts')
// Resolved here, where tsx is installed: the server runs in a temporary folder.
const TSX = import.meta.resolve('tsx')

/**
 * A working folder with an empty `instance/`, where the example's relative
 * `sqlite:///instance/...` URLs land. The caller removes it.
 */
export function makeWorkDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mars-labs-')))
  mkdirSync(join(dir, 'instance'))
  return dir
}

export function removeWorkDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** `athanor ARGS -d <the example's migrations>` run in `cwd`. */
export function athanor(cwd: string, ...args: string[]): Promise<CliResult> {
  return runBin([...args, '-d', MIGRATIONS_DIR], { cwd })
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  stop(): Promise<void>
}

export interface Exited {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Starts the API on an ephemeral port of 127.0.0.1 and waits for the line
 * saying where it listens; resolves with the exit instead when the process
 * ends first (a refused start).
 */
export function startServer(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<RunningServer | Exited> {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  return new Promise((resolve, reject) => {
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      const listening = /listening on (http:\/\/\S+)/.exec(stdout)
      if (listening) {
        resolve({
          url: listening[1]!,
          stop: async () => {
            child.kill('SIGTERM')
            await exited
          },
        })
      }
    })
    child.once('error', reject)
    child.once('exit', (status) => resolve({ status, stdout, stderr }))
  })
}

export function isRunning(result: RunningServer | Exited): result is RunningServer {
  return 'url' in result
}

/** JSON over HTTP with node's fetch: status and parsed body. */
export async function request(url: string, method: string = 'GET', body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}
