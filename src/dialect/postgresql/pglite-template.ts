import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'

/**
 * A fresh PGlite database starts with initdb, most of the seconds an
 * in-memory database takes to open (`--offline` opens one per command). So
 * the first one's data directory, straight after initdb, is kept as a
 * tarball in the user's cache, and later in-memory databases start from a
 * copy of it. The file is named after the PGlite build it came from: another
 * version never reads it.
 *
 * @example
 * const template = readTemplate() // undefined on the first run
 */
export function readTemplate(): Blob | undefined {
  const file = templateFile()
  if (file === undefined) return undefined
  try {
    return new Blob([readFileSync(file)])
  } catch {
    return undefined
  }
}

/** Keeps a just-initialised database's directory for the next ones; best effort, never fails the caller. */
export async function keepTemplate(db: PGlite): Promise<void> {
  const file = templateFile()
  if (file === undefined) return
  try {
    const dump = await db.dumpDataDir('gzip')
    mkdirSync(join(file, '..'), { recursive: true })
    // Written aside, then renamed: a reader never sees half a tarball.
    const partial = `${file}.${process.pid}.partial`
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 })
    renameSync(partial, file)
  } catch {
    // A read-only home or a full disk: the next database runs initdb again.
  }
}

/** A template that failed to load is removed, so the next open makes a new one. */
export function dropTemplate(): void {
  const file = templateFile()
  if (file !== undefined) rmSync(file, { force: true })
}

function templateFile(): string | undefined {
  const build = pgliteBuild()
  if (build === undefined) return undefined
  const cache = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache')
  return join(cache, 'athanor', `pglite-${build}.tar.gz`)
}

/**
 * Which PGlite build this process loads, from its entry module's path,
 * size and time: another version, or the same reinstalled, is another
 * build. `undefined` when the package is not installed.
 *
 * @example
 * pgliteBuild() // '3f2a9c0d1e4b5a6c'
 */
export function pgliteBuild(): string | undefined {
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'))
    const { size, mtimeMs } = statSync(entry)
    return createHash('sha256').update(`${entry}\0${size}\0${mtimeMs}`).digest('hex').slice(0, 16)
  } catch {
    return undefined
  }
}
