// Replays a README: writes the files it shows, runs its console commands in
// order in one working folder, and compares every output with the README's.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { compareOutput, RevisionIds } from './normalise.js'
import { readmeSteps } from './readme-steps.js'
import { runCommand } from './shell.js'

/** A command whose output or exit status is not what the README shows. */
export interface Mismatch {
  readonly line: number
  readonly command: string
  readonly expected: string
  /** The real output, written as the README would show it. */
  readonly actual: string
  readonly status: number
}

export interface Walkthrough {
  readonly mismatches: readonly Mismatch[]
  /** How many commands ran. */
  readonly commands: number
  readonly ids: RevisionIds
}

/**
 * Runs the README at `readmePath` in `workDir`. `shownDir` is the folder the
 * README's outputs show in place of `workDir`. A shown output with an
 * `error:` line means the command must fail; any other, that it succeeds.
 */
export function replayReadme(readmePath: string, workDir: string, shownDir: string): Walkthrough {
  const ids = new RevisionIds()
  const mismatches: Mismatch[] = []
  let commands = 0
  for (const step of readmeSteps(readFileSync(readmePath, 'utf8'))) {
    if (step.kind === 'file') {
      const path = resolve(workDir, step.path)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, step.content)
      continue
    }
    for (const { line, command, expected } of step.commands) {
      commands++
      const { status, output } = runCommand(ids.toRun(command), workDir)
      const { equal, asReadme } = compareOutput(expected, output, ids, workDir, shownDir)
      const shouldFail = /^error: /m.test(expected)
      if (!equal || (status !== 0) !== shouldFail) mismatches.push({ line, command, expected, actual: asReadme, status })
    }
  }
  return { mismatches, commands, ids }
}
