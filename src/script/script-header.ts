/**
 * Reads a script's place in the graph from its source text, without running
 * it. Commands that only need the graph (current, history, heads) then cost
 * one file read per script instead of a module import; a script whose
 * exports are not plain literals is imported instead (see script-directory).
 */
export interface ScriptHeader {
  readonly revision: string
  readonly downRevisions: readonly string[]
  readonly branchLabels: readonly string[]
  readonly dependsOn: readonly string[]
  readonly message: string
  readonly createDate?: string
}

/** This parser's own file: a cache of what it parsed is good only for the file as it is (see ScriptHeaderCache). */
export const HEADER_PARSER_URL = import.meta.url

const EXPORT_LINE = /^export\s+const\s+(revision|downRevision|branchLabels|dependsOn)\b[^=\n]*=[ \t]*([^\n]*?)[ \t]*;?[ \t]*$/gm
const STRING = /^(['"])((?:\\.|(?!\1)[^\\\n])*)\1$/

/** Parses the four graph exports when all are literals; `undefined` otherwise. */
export function parseScriptHeader(source: string): ScriptHeader | undefined {
  const values = new Map<string, readonly string[] | null>()
  for (const match of codeOnly(source).matchAll(EXPORT_LINE)) {
    const parsed = parseLiteral(match[2]!.replace(/\s+as\s+const$/, ''))
    // Twice the same export is no header to trust: the import will tell.
    if (parsed === undefined || values.has(match[1]!)) return undefined
    values.set(match[1]!, parsed)
  }
  const revision = values.get('revision')
  if (revision?.length !== 1) return undefined
  for (const key of ['downRevision', 'branchLabels', 'dependsOn']) if (!values.has(key)) return undefined
  const createDate = /^\s*\*?\s*Create Date:\s*(.+?)\s*(?:\*\/)?$/m.exec(source)?.[1]
  return {
    revision: revision[0]!,
    downRevisions: values.get('downRevision') ?? [],
    branchLabels: values.get('branchLabels') ?? [],
    dependsOn: values.get('dependsOn') ?? [],
    message: parseMessage(source),
    ...(createDate ? { createDate } : {}),
  }
}

/** `null` / `undefined` → null, a string → [it], an array of strings → it. */
function parseLiteral(text: string): readonly string[] | null | undefined {
  if (text === 'null' || text === 'undefined') return null
  const single = STRING.exec(text)
  if (single) return [unescapeQuoted(single[2]!)]
  if (!text.startsWith('[') || !text.endsWith(']')) return undefined
  const inner = text.slice(1, -1).trim()
  if (inner === '') return []
  const items: string[] = []
  for (const part of inner.split(',')) {
    const item = part.trim()
    if (item === '') continue
    const parsed = STRING.exec(item)
    if (!parsed) return undefined
    items.push(unescapeQuoted(parsed[2]!))
  }
  return items
}

function unescapeQuoted(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}

/** The first line of the leading doc comment: the script's message. */
export function parseMessage(source: string): string {
  const comment = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(source.replace(/^\uFEFF/, ''))
  if (!comment) return ''
  for (const raw of comment[1]!.split('\n')) {
    const line = raw.replace(/^\s*\*?\s?/, '').trim()
    if (line !== '') return /^Revision ID:/.test(line) ? '' : line
  }
  return ''
}

/**
 * The source with the text of block comments and template literals blanked
 * (newlines kept), so that an `export const downRevision = …` line inside
 * a comment or a multi-line string is not read as the script's own. Quoted
 * strings stay: the exports' values are in them, and they cannot span lines.
 */
function codeOnly(source: string): string {
  let out = ''
  let i = 0
  const blank = (text: string) => text.replace(/[^\n]/g, ' ')
  while (i < source.length) {
    const ch = source[i]!
    const next = source[i + 1]
    if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2)
      const stop = end < 0 ? source.length : end + 2
      out += blank(source.slice(i, stop))
      i = stop
    } else if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i)
      const stop = end < 0 ? source.length : end
      out += source.slice(i, stop)
      i = stop
    } else if (ch === "'" || ch === '"') {
      let j = i + 1
      while (j < source.length && source[j] !== ch && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1
      out += source.slice(i, j + 1)
      i = j + 1
    } else if (ch === '`') {
      let j = i + 1
      while (j < source.length && source[j] !== '`') j += source[j] === '\\' ? 2 : 1
      out += `\`${blank(source.slice(i + 1, j))}\``
      i = j + 1
    } else {
      out += ch
      i++
    }
  }
  return out
}
