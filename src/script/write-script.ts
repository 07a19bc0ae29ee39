import {
  closeSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
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
 * A link is written through (the file it names is replaced, the link
 * stays), the file keeps its permissions, and what is not a file (a
 * terminal, a pipe, `/dev/null`) is written into as it is: a rename there
 * would put a plain file in the device's place.
 *
 * @example
 * replaceFile('src/models.ts', "export default defineModels()\n")
 * replaceFile('/dev/stdout', "export default defineModels()\n") // printed
 */
export function replaceFile(path: string, text: string): void {
  const existing = existingFile(path)
  if (existing?.plain === false) {
    writeInto(existing.path, text)
    return
  }
  const target = existing?.path ?? path
  writeWhole(target, text, (temporary) => renameSync(temporary, target), existing?.mode)
}

/** What stands at `path`, its links followed: the file's own path, whether it is a plain file, and its permissions. */
function existingFile(path: string): { path: string; plain: boolean; mode: number } | undefined {
  let stats: ReturnType<typeof statSync>
  try {
    stats = statSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw cannotWrite(path, error)
    // A link to nothing: writing a file in its place would cut the link.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new AthanorError('WRITE_FAILED', `cannot write ${path}: it is a link to a file that does not exist; nothing was written`)
    }
    return undefined
  }
  if (stats.isDirectory()) throw new AthanorError('WRITE_FAILED', `cannot write ${path}: it is a folder; nothing was written`)
  // A pipe behind /dev/stdout has no path to resolve: it is written through the name given.
  if (!stats.isFile()) return { path, plain: false, mode: stats.mode & 0o7777 }
  return { path: realpathSync(path), plain: true, mode: stats.mode & 0o7777 }
}

/** Writes into a device or a pipe, which has no old text to keep. */
function writeInto(path: string, text: string): void {
  try {
    writeFileSync(path, text)
  } catch (error) {
    throw cannotWrite(path, error)
  }
}

function cannotWrite(path: string, error: unknown): AthanorError {
  return new AthanorError('WRITE_FAILED', `cannot write ${path}: ${systemReason(error)}; nothing was written`, { cause: error })
}

function writeWhole(path: string, text: string, putInPlace: (temporary: string) => void, mode = 0o644): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw cannotWriteInto(dirname(path), error)
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    const fd = openSync(temporary, 'wx', mode)
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
    throw cannotWrite(path, error)
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
