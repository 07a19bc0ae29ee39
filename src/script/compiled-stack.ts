import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'

/** A frame in a compiled copy of a script: the cache names each by 40 hex digits of its key. */
const COMPILED_FRAME = /(?:file:\/\/)?(\/[^\s():]*\/[0-9a-f]{40}\.mjs):(\d+):(\d+)/g
const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/

/**
 * `stack` with each frame in a compiled copy of a TypeScript script (see
 * compileForDirectImport) pointed back at the script's own file, line and
 * column, from the copy's inline source map. Source maps stay off while
 * scripts load: Node parsing and keeping one per script cost a fifth of a
 * 1,000-revision upgrade, for stacks that are almost never shown. A frame
 * that cannot be mapped is left as it is.
 *
 * @example
 * originalStack('Error: boom\n    at file:///home/me/.cache/athanor/3f2a…c9.mjs:5:9')
 * // 'Error: boom\n    at /app/migrations/versions/ae10_add.ts:4:9'
 */
export function originalStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>()
  return stack.replace(COMPILED_FRAME, (frame, file: string, line: string, column: string) => {
    if (!maps.has(file)) maps.set(file, inlineMap(file))
    const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1) as MapEntry | undefined
    if (entry?.originalSource === undefined || entry.originalLine === undefined) return frame
    const source = entry.originalSource.replace(/^file:\/\//, '')
    return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`
  })
}

interface MapEntry {
  readonly generatedLine?: number
  readonly originalSource?: string
  readonly originalLine?: number
  readonly originalColumn?: number
}

/** A compiled copy of a script, as the cache names it: 40 hex digits and `.mjs`. */
export function isCompiledCopy(file: string): boolean {
  return /\/[0-9a-f]{40}\.mjs$/.test(file)
}

/**
 * The script's own file and line for a line of its compiled copy, for an
 * error that names a line and no column: Node reports an import of a name
 * a module does not export as `copy.mjs:LINE` above the failed statement.
 * Undefined when the copy has no map or the line no mapping.
 *
 * @example
 * originalLine('/home/me/.cache/athanor/3f2a…c9.mjs', 2) // { file: '/app/src/models.ts', line: 3 }
 */
export function originalLine(file: string, line: number): { file: string; line: number } | undefined {
  const map = inlineMap(file)
  if (map === null) return undefined
  // The first mapping on the line: the statement's start (imports sit at column 0).
  const entry = map.findEntry(line - 1, 0) as MapEntry
  if (entry.generatedLine !== line - 1 || entry.originalSource === undefined || entry.originalLine === undefined) return undefined
  return { file: entry.originalSource.replace(/^file:\/\//, ''), line: entry.originalLine + 1 }
}

function inlineMap(file: string): SourceMap | null {
  try {
    const payload = INLINE_MAP.exec(readFileSync(file, 'utf8'))?.[1]
    return payload === undefined ? null : new SourceMap(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')))
  } catch {
    return null
  }
}
