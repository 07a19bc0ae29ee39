import { spawn, type ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { BIN, type CliResult } from './cli.js'

/** A CLI process started in the background: its output so far, and its end. */
export interface RunningBin {
  readonly child: ChildProcess
  stderr(): string
  stdout(): string
  /** Resolves when the process has exited. */
  readonly done: Promise<CliResult>
}

/** Starts `node bin/athanor.js` without waiting for it, to signal it midway (needs dist/ built). */
export function startBin(argv: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): RunningBin {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? -1 : -2), stdout, stderr }))
  })
  return { child, stderr: () => stderr, stdout: () => stdout, done }
}

/**
 * Polls `check` until it holds; fails naming `what` after `timeoutMs`, or
 * at once when `running` exits first (with its output, to see why).
 */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  running?: RunningBin,
  timeoutMs = 20_000,
): Promise<void> {
  let exited: CliResult | undefined
  void running?.done.then((result) => {
    exited = result
  })
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (await check()) return
    if (exited) throw new Error(`the process exited (${exited.status}) before ${what}:\n${exited.stderr}${exited.stdout}`)
    await sleep(25)
  }
  running?.child.kill('SIGKILL')
  throw new Error(`timed out waiting until ${what}${running ? `:\n${running.stderr()}` : ''}`)
}

/** The lines of stderr that start with `error:`. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('error:'))
}
