import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Where compiled TypeScript scripts are kept between runs: the project's
 * `node_modules/.cache/athanor` (the usual home of tool caches, already
 * ignored by git), else the user's cache folder (`$XDG_CACHE_HOME/athanor`
 * or `~/.cache/athanor`), never a shared temporary folder.
 * `ATHANOR_CACHE_DIR` overrides it; `ATHANOR_CACHE_DIR=off` disables it.
 * The folder must be private (see {@link privateFolder}); one that is not
 * is not used, and scripts are compiled in memory instead.
 *
 * @example
 * compileCacheDir('/app', {}) // '/app/node_modules/.cache/athanor' when /app/node_modules exists
 */
export function compileCacheDir(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['ATHANOR_CACHE_DIR']
  if (configured === 'off') return undefined
  return privateFolder(configured || defaultCacheDir(cwd, env))
}

const foundBySetting = new Map<string, string | undefined>()

/**
 * {@link compileCacheDir} for this process, looked for once per working
 * directory and setting: a command importing a thousand scripts would
 * otherwise walk up to node_modules and check the folder's owner a thousand times.
 *
 * @example
 * processCompileCacheDir() // the same folder as compileCacheDir(), found once
 */
export function processCompileCacheDir(): string | undefined {
  const key = [process.cwd(), ...['ATHANOR_CACHE_DIR', 'XDG_CACHE_HOME', 'HOME'].map((name) => process.env[name])].join('\0')
  if (!foundBySetting.has(key)) foundBySetting.set(key, compileCacheDir())
  return foundBySetting.get(key)
}

function defaultCacheDir(cwd: string, env: NodeJS.ProcessEnv): string {
  let dir = cwd
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'athanor')
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'athanor')
}

/**
 * The folder, made if missing, when only this user can read and write it:
 * compiled modules are run as this user, so a folder another user could
 * write to would let them run code as this one, and one they could read
 * would show what the scripts hold. `undefined` otherwise.
 */
function privateFolder(folder: string): string | undefined {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
    const stat = statSync(folder)
    const uid = process.getuid?.()
    if (uid !== undefined && stat.uid !== uid) return undefined
    // Made by an earlier version, or by hand, with the usual 0755: this user owns it, so tighten it.
    if ((stat.mode & 0o077) !== 0) chmodSync(folder, 0o700)
    return (statSync(folder).mode & 0o077) === 0 ? folder : undefined
  } catch {
    // Read-only or not creatable: compile in memory.
    return undefined
  }
}
