import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Where compiled TypeScript scripts are kept between runs: the project's
 * `node_modules/.cache/athanor` (the usual home of tool caches, already
 * ignored by git), else a per-user folder in the temp directory.
 * `ATHANOR_CACHE_DIR` overrides it; `ATHANOR_CACHE_DIR=off` disables it.
 */
export function compileCacheDir(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['ATHANOR_CACHE_DIR']
  if (configured === 'off') return undefined
  if (configured) return configured
  let dir = cwd
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'athanor')
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return join(tmpdir(), `athanor-cache-${process.getuid?.() ?? 'user'}`)
}
