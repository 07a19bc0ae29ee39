// Reads a README as the list of things its reader is told to do: files to
// write (a fenced block whose info string names a `file=`) and console
// sessions (a ```console block: `$ command` lines, each followed by the
// output the command prints).

/** A command and the output the README shows for it. */
export interface ConsoleCommand {
  /** 1-based line of the README, for failure messages. */
  readonly line: number
  readonly command: string
  readonly expected: string
}

export type ReadmeStep =
  | { readonly kind: 'file'; readonly line: number; readonly path: string; readonly content: string }
  | { readonly kind: 'console'; readonly line: number; readonly commands: readonly ConsoleCommand[] }

const FENCE = /^```(\S*)(.*)$/

/**
 * The README's steps in order. Other fenced blocks (`sh`, `json`, plain
 * snippets) are for reading only and are skipped.
 */
export function readmeSteps(markdown: string): ReadmeStep[] {
  const lines = markdown.split('\n')
  const steps: ReadmeStep[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!)
    const file = /\bfile=(\S+)/.exec(open[2]!)
    if (file) steps.push({ kind: 'file', line: start + 1, path: file[1]!, content: `${body.join('\n')}\n` })
    else if (open[1] === 'console') steps.push({ kind: 'console', line: start + 1, commands: consoleCommands(body, start + 2) })
  }
  return steps
}

function consoleCommands(body: readonly string[], firstLine: number): ConsoleCommand[] {
  const commands: Array<{ line: number; command: string; output: string[] }> = []
  body.forEach((text, index) => {
    if (text.startsWith('$ ')) commands.push({ line: firstLine + index, command: text.slice(2), output: [] })
    else if (commands.length > 0) commands[commands.length - 1]!.output.push(text)
    else throw new Error(`README line ${firstLine + index}: output before any '$ ' command in a console block`)
  })
  return commands.map(({ line, command, output }) => ({ line, command, expected: output.join('\n') }))
}
