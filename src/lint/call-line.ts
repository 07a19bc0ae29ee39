import { findSourceMap } from 'node:module'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A stack frame as V8 gives it before any formatting. */
interface CallSite {
  getFileName(): string | null | undefined
  getLineNumber(): number | null
  getColumnNumber(): number | null
}

const callSitesOf = (_error: Error, sites: CallSite[]): CallSite[] => sites

/**
 * The line of `file` in the stack of `site`: where a script called the
 * operation (`CallSites`). The frames are read raw, without formatting the
 * whole stack through source maps, which would cost more than everything
 * else lint does. A script esbuild compiled runs from a copy in the cache
 * whose inline source map names the script: its frame is the one whose map
 * leads back to `file`, and the map gives the line. Node's own type
 * stripping keeps the file and its lines as they are.
 *
 * @example
 * const site = new Error('call site')
 * callLine(site, import.meta.filename) // this line's number
 */
export function callLine(site: Error | undefined, file: string): number | undefined {
  if (site === undefined) return undefined
  const wanted = resolve(file)
  const saved = Error.prepareStackTrace
  let sites: unknown
  try {
    Error.prepareStackTrace = callSitesOf as typeof Error.prepareStackTrace
    sites = site.stack
  } finally {
    Error.prepareStackTrace = saved
  }
  if (!Array.isArray(sites)) return undefined
  for (const frame of sites as CallSite[]) {
    const name = frame.getFileName()
    if (name === null || name === undefined || name.startsWith('node:')) continue
    const line = frame.getLineNumber() ?? 1
    const entry = findSourceMap(name)?.findEntry(line - 1, (frame.getColumnNumber() ?? 1) - 1) as
      | { originalSource?: string; originalLine?: number }
      | undefined
    if (entry?.originalSource !== undefined && entry.originalLine !== undefined && samePath(entry.originalSource, wanted)) {
      return entry.originalLine + 1
    }
    if (samePath(name, wanted)) return line
  }
  return undefined
}

function samePath(location: string, wanted: string): boolean {
  return pathOf(location) === wanted
}

// A run asks about the same few locations (athanor's own modules, each
// script and its compiled copy) for every operation: each is made a path once.
const pathsByLocation = new Map<string, string | null>()

/** The absolute path a stack frame or source map names; `null` for what is no file (`node:…`, `data:…`). */
function pathOf(location: string): string | null {
  let path = pathsByLocation.get(location)
  if (path === undefined) {
    const file = location.startsWith('file:') ? fileURLToPath(location.replace(/\?.*$/, '')) : location
    path = file.startsWith('/') || /^[A-Za-z]:/.test(file) ? resolve(file) : null
    pathsByLocation.set(location, path)
  }
  return path
}
