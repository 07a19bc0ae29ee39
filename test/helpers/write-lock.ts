import { Writable } from 'node:stream'
import Database from 'better-sqlite3'
import { main } from '../../src/cli/main.js'
import type { CliResult } from './cli.js'

/** The application: a write transaction open on the SQLite database at `path` until `release`. */
export function holdWriteLock(path: string): { release: () => void } {
  const app = new Database(path)
  app.exec('CREATE TABLE IF NOT EXISTS app (v TEXT)')
  app.exec('BEGIN IMMEDIATE')
  app.exec("INSERT INTO app VALUES ('x')")
  return {
    release: () => {
      if (app.inTransaction) app.exec('COMMIT')
      app.close()
    },
  }
}

/** The CLI in this process; `onStderr` sees each line as it is written (to let go of a lock when a wait is told). */
export async function cliWatchingStderr(argv: readonly string[], onStderr: (text: string) => void = () => {}): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const sink = (add: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        add(String(chunk))
        done()
      },
    })
  const status = await main(argv, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => {
      stderr += text
      onStderr(text)
    }),
    env: {},
  })
  return { status, stdout, stderr }
}
