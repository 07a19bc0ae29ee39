import { readFileSync } from 'node:fs'
import { findSourceMap, SourceMap } from 'node:module'
import { dirname, isAbsolute, resolve } from 'node:path'
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
    const entry = originalPosition(name, line - 1, (frame.getColumnNumber() ?? 1) - 1)
    if (entry !== undefined && samePath(entry.source, wanted, name)) return entry.line + 1
    if (samePath(name, wanted)) return line
  }
  return undefined
}

/** `location` may be relative to the module whose map names it (`from`), as esbuild writes a bundle's sources. */
function samePath(location: string, wanted: string, from?: string): boolean {
  if (from === undefined || location.startsWith('file:') || isAbsolute(location)) return pathOf(location) === wanted
  const base = pathOf(from)
  return base !== null && resolve(dirname(base), location) === wanted
}

const mapsByLocation = new Map<string, SourceMap | undefined>()

/**
 * Where a position of a module comes from, by Node's source map when it
 * keeps them (source maps enabled), else by the module's inline map, read
 * once. Without the second a run that did not enable source maps (they cost
 * a parse of every module imported) would place every finding on line 1 and
 * miss the suppressions.
 */
function originalPosition(location: string, line: number, column: number): { source: string; line: number } | undefined {
  let map = findSourceMap(location)
  if (map === undefined) {
    if (!mapsByLocation.has(location)) mapsByLocation.set(location, writtenSourceMap(location))
    map = mapsByLocation.get(location)
  }
  const entry = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined
  return entry?.originalSource === undefined || entry.originalLine === undefined
    ? undefined
    : { source: entry.originalSource, line: entry.originalLine }
}

const MAP_COMMENT = /\/\/# sourceMappingURL=(\S+)\s*$/

/** The map a compiled module names in its last line: inline as a `data:` URL, or a file beside it (a bundle's). */
function writtenSourceMap(location: string): SourceMap | undefined {
  const path = pathOf(location)
  if (path === null || !/\.m?js$/.test(path)) return undefined
  try {
    const text = readFileSync(path, 'utf8')
    const url = MAP_COMMENT.exec(text.slice(text.lastIndexOf('//# sourceMappingURL=')))?.[1]
    if (url === undefined) return undefined
    const inline = /^data:application\/json;(?:charset=utf-8;)?base64,/.exec(url)
    const json = inline
      ? Buffer.from(url.slice(inline[0].length), 'base64').toString('utf8')
      : readFileSync(resolve(dirname(path), url), 'utf8')
    return new SourceMap(JSON.parse(json))
  } catch {
    return undefined
  }
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
