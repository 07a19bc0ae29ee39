import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AthanorError } from '../../core/errors.js'

/** The file inside a data directory that says which process has it open. */
export const PGLITE_OPEN_FILE = 'athanor-open.pid'

const POLL_MS = 100

/**
 * A PGlite data directory held by this process until `release`.
 *
 * @example
 * const held = await holdDataDirectory('/srv/app/pgdata', 10_000)
 * try { // open PGlite on held.directory
 * } finally { held.release() }
 */
export interface HeldDirectory {
  /** The directory's real path: a symlink or a relative path to it meets the same hold. */
  readonly directory: string
  release(): void
}

/**
 * Takes a PGlite data directory for this process, waiting up to `timeoutMs`
 * for another process to let it go. PGlite is PostgreSQL in one process
 * with no postmaster: its `postmaster.pid` always says pid -42 and a second
 * process opening the same directory is not refused, and two writers would
 * corrupt it. So athanor keeps a pid file of its own in the directory,
 * created exclusively (O_EXCL), and takes over one whose process is gone
 * (`kill -9` leaves the file behind). This guards athanor against athanor;
 * an application that opens the directory with PGlite itself must be
 * stopped while athanor migrates it.
 *
 * @example
 * const held = await holdDataDirectory('pgdata', 10_000) // DATABASE_IN_USE when another process keeps it 10 s
 * held.release()
 */
export async function holdDataDirectory(directory: string, timeoutMs: number): Promise<HeldDirectory> {
  mkdirSync(directory, { recursive: true })
  const real = realpathSync(directory)
  const file = join(real, PGLITE_OPEN_FILE)
  const deadline = performance.now() + timeoutMs
  for (;;) {
    if (tryCreate(file)) return { directory: real, release: () => rmSync(file, { force: true }) }
    const holder = readHolder(file)
    if (holder !== undefined && holder.pid === process.pid && holder.host === hostname()) {
      throw inUse(real, 'this process has it open already (PGlite serves one connection at a time)')
    }
    if (holder !== undefined && holder.host === hostname() && !alive(holder.pid)) {
      takeOverStale(file, holder.pid)
      continue
    }
    if (performance.now() >= deadline) {
      const who = holder === undefined ? 'another process' : `process ${holder.pid} on ${holder.host}`
      throw inUse(real, `${who} has had it open for longer than the ${Math.round(timeoutMs / 1000)} s wait`)
    }
    await sleep(POLL_MS)
  }
}

function tryCreate(file: string): boolean {
  try {
    writeFileSync(file, `${process.pid}\n${hostname()}\n`, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const [pid, host] = readFileSync(file, 'utf8').split('\n')
    const number = Number(pid)
    // A file caught half written reads as no holder yet; the next look sees it whole.
    return Number.isSafeInteger(number) && number > 0 && host ? { pid: number, host } : undefined
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Moves a dead process's file aside before deleting it. Of two processes
 * that both found it stale, the second may move the file the first has
 * just created in its place: what was moved is read back, and a live
 * holder's file goes back where it was.
 */
function takeOverStale(file: string, deadPid: number): void {
  const aside = `${file}.stale-${process.pid}`
  try {
    renameSync(file, aside)
  } catch {
    return
  }
  if (readHolder(aside)?.pid === deadPid) rmSync(aside, { force: true })
  else renameSync(aside, file)
}

function inUse(directory: string, why: string): AthanorError {
  return new AthanorError(
    'DATABASE_IN_USE',
    `PGlite data directory ${directory} is in use: ${why}; ` +
      `wait for it to finish, or stop it (a file ${PGLITE_OPEN_FILE} whose process is gone is taken over)`,
  )
}
