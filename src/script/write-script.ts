import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { LockTimeoutError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'

/**
 * Writes a new file all at once: the text goes to a temporary file beside
 * it, is flushed, and is then linked under its name, which fails if the
 * name is taken. A full disk leaves nothing behind; a killed process leaves
 * no empty or half script, only a `.tmp` file that no command reads.
 *
 * @example
 * writeNewFile('migrations/versions/ae1027a6acf0_add_email.ts', "export const revision = 'ae1027a6acf0'\n")
 */
export function writeNewFile(path: string, text: string): void {
  writeWhole(path, text, (temporary) => linkSync(temporary, path))
}

/**
 * Writes a file whole, replacing what was there only once the new text is
 * on disk: a full disk leaves the old file as it was, never a truncated one.
 *
 * @example
 * replaceFile('src/models.ts', "export default defineModels()\n")
 */
export function replaceFile(path: string, text: string): void {
  writeWhole(path, text, (temporary) => renameSync(temporary, path))
}

function writeWhole(path: string, text: string, putInPlace: (temporary: string) => void): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw cannotWriteInto(dirname(path), error)
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    const fd = openSync(temporary, 'wx', 0o644)
    try {
      // writeFileSync on a descriptor writes until every byte is out; a
      // single writeSync may write only part (at a file-size limit) and say
      // so in its return value alone.
      writeFileSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    putInPlace(temporary)
  } catch (error) {
    throw new AthanorError('WRITE_FAILED', `cannot write ${path}: ${systemReason(error)}; nothing was written`, { cause: error })
  } finally {
    rmSync(temporary, { force: true })
  }
}

/** The system's errors a user meets when writing a script, in words. */
const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EEXIST: 'it exists already',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EFBIG: 'the file is larger than this process may write (ulimit -f)',
}

function systemReason(error: unknown): string {
  return SYSTEM_REASONS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message
}

/** A folder that refuses what is written into it: named, where the system names the file it refused. */
function cannotWriteInto(folder: string, error: unknown): AthanorError {
  return new AthanorError('WRITE_FAILED', `cannot write into ${folder}: ${systemReason(error)}; nothing was written`, { cause: error })
}

/** How long a command waits for another one writing into the same folder. */
const WAIT_MS = 30_000

/**
 * Runs `work` while holding the folder's writing lock, a directory that
 * only one process can create. Another `revision` or `migrate` writing into
 * the same folder waits; a lock left by a process that died is taken over.
 *
 * @example
 * await withFolderLock('migrations/versions', async () => writeNewFile('migrations/versions/ae1027a6acf0_add_email.ts', '// …'))
 */
export async function withFolderLock<T>(folder: string, work: () => Promise<T>): Promise<T> {
  const lock = join(folder, '.athanor-writing')
  const deadline = performance.now() + WAIT_MS
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotWriteInto(folder, error)
      if (!holderAlive(lock)) {
        rmSync(lock, { recursive: true, force: true })
        continue
      }
      if (performance.now() > deadline) {
        throw new LockTimeoutError(`another athanor command has been writing into ${folder} for over ${WAIT_MS / 1000} s; gave up`, {
          scope: folder,
          timeoutMs: WAIT_MS,
        })
      }
      await sleep(25 + Math.random() * 50)
    }
  }
  try {
    writeNewFile(join(lock, 'pid'), String(process.pid))
    return await work()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

function holderAlive(lock: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'))
  } catch {
    // Just made and not yet signed: its maker has a moment; one that died
    // between making and signing it left it unsigned for good.
    try {
      return Date.now() - statSync(lock).mtimeMs < 5_000
    } catch {
      return false
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
