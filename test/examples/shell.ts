// The few commands a README walk-through uses, run without a shell so the
// test behaves the same everywhere: `athanor ...` (the repo's CLI), `rm`
// and `mv`. Output is captured as a terminal shows it: stdout and stderr
// interleaved, in the order written.
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BIN } from '../helpers/cli.js'

/** Splits a command line into words: whitespace separates, quotes group. */
export function words(line: string): string[] {
  const found: string[] = []
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g
  for (const match of line.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3]!)
  return found
}

export interface ShellResult {
  readonly status: number
  readonly output: string
}

type Command = (args: readonly string[], cwd: string) => ShellResult

function athanor(args: readonly string[], cwd: string): ShellResult {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-out-'))
  const file = join(dir, 'output')
  const fd = openSync(file, 'w')
  try {
    // One file for both streams keeps their interleaving exact. The
    // environment is explicit, so no DATABASE_URL of the machine leaks in.
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['ignore', fd, fd],
    })
    return { status: result.status ?? -1, output: readFileSync(file, 'utf8') }
  } finally {
    closeSync(fd)
    rmSync(dir, { recursive: true, force: true })
  }
}

const COMMANDS: Readonly<Record<string, Command>> = {
  athanor,
  rm: (args, cwd) => {
    for (const path of args.filter((a) => !a.startsWith('-'))) rmSync(resolve(cwd, path), { recursive: true })
    return { status: 0, output: '' }
  },
  mv: (args, cwd) => {
    renameSync(resolve(cwd, args[0]!), resolve(cwd, args[1]!))
    return { status: 0, output: '' }
  },
}

/** Runs one README command line in `cwd`; a failing `rm` or `mv` prints its error, as in a shell. */
export function runCommand(line: string, cwd: string): ShellResult {
  const [name, ...args] = words(line)
  const command = name === undefined ? undefined : COMMANDS[name]
  if (!command) throw new Error(`the walk-through cannot run '${line}': only ${Object.keys(COMMANDS).join(', ')}`)
  try {
    return command(args, cwd)
  } catch (error) {
    return { status: 1, output: `${name}: ${(error as Error).message}\n` }
  }
}
