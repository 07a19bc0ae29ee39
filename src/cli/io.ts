/** Where the CLI writes; tests pass their own streams. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
  readonly env: Readonly<Record<string, string | undefined>>
}

/** The text as one line or block of output: ending with a newline. */
export const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`)

export function out(io: CliIo, text: string): void {
  io.stdout.write(withNewline(text))
}

export function info(io: CliIo, text: string): void {
  io.stderr.write(withNewline(text))
}
