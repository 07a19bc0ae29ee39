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
    const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1) as
      | { originalSource?: string; originalLine?: number; originalColumn?: number }
      | undefined
    if (entry?.originalSource === undefined || entry.originalLine === undefined) return frame
    const source = entry.originalSource.replace(/^file:\/\//, '')
    return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`
  })
}

function inlineMap(file: string): SourceMap | null {
  try {
    const payload = INLINE_MAP.exec(readFileSync(file, 'utf8'))?.[1]
    return payload === undefined ? null : new SourceMap(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')))
  } catch {
    return null
  }
}
