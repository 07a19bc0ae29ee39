import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HEADER_PARSER_URL, type ScriptHeader } from './script-header.js'

type Entries = Record<string, ScriptHeader | null>

/**
 * Script headers as parsed before, by checksum, in one file of the compile
 * cache: parsing the headers of 1,000 scripts was a quarter of `history`,
 * and most runs read the same files again. The file's name carries the
 * parser's own file size and time, so a changed parser (a new version, a
 * rebuild) starts from nothing; the files of older parsers are removed.
 * Only text without a BOM or a CR is looked up: for it the checksum, which
 * normalises both away, names exactly one text.
 *
 * @example
 * import { scriptChecksum } from './checksum.js'
 * import { compileCacheDir } from './compile-cache-dir.js'
 * import { parseScriptHeader } from './script-header.js'
 * const exports = ['revision = "ae10"', 'downRevision = null', 'branchLabels = null', 'dependsOn = null']
 * const text = exports.map((line) => `export const ${line}`).join('\n')
 * const cache = ScriptHeaderCache.open(compileCacheDir())
 * cache.header(text, scriptChecksum(text), parseScriptHeader)?.revision // 'ae10': parsed once, then read from the cache
 * cache.save()
 */
export class ScriptHeaderCache {
  #entries: Entries
  #changed = false

  private constructor(
    private readonly file: string | undefined,
    entries: Entries,
  ) {
    this.#entries = entries
  }

  static open(cacheDir: string | undefined): ScriptHeaderCache {
    const file = cacheDir === undefined ? undefined : cacheFile(cacheDir)
    if (file === undefined) return new ScriptHeaderCache(undefined, {})
    try {
      const entries = JSON.parse(readFileSync(file, 'utf8')) as unknown
      return new ScriptHeaderCache(file, typeof entries === 'object' && entries !== null ? (entries as Entries) : {})
    } catch {
      return new ScriptHeaderCache(file, {})
    }
  }

  /** The header of `text`, whose checksum is `checksum`; `undefined` where it has no literal header. */
  header(text: string, checksum: string, parse: (text: string) => ScriptHeader | undefined): ScriptHeader | undefined {
    const cacheable = this.file !== undefined && !text.includes('\r') && !text.startsWith('\uFEFF')
    if (cacheable && Object.hasOwn(this.#entries, checksum)) return this.#entries[checksum] ?? undefined
    const header = parse(text)
    if (cacheable) {
      this.#entries[checksum] = header ?? null
      this.#changed = true
    }
    return header
  }

  /** Writes what was parsed this time; a cache that cannot be written only costs the parse next time. */
  save(): void {
    if (!this.#changed || this.file === undefined) return
    const temporary = `${this.file}.${process.pid}.tmp`
    try {
      writeFileSync(temporary, JSON.stringify(this.#entries), { mode: 0o600 })
      renameSync(temporary, this.file)
      this.#changed = false
      removeOlderCaches(this.file)
    } catch {
      rmSync(temporary, { force: true })
    }
  }
}

const PREFIX = 'script-headers-'

/** The caches of parsers other than this one: a new file is written only when the parser changed or new scripts came. */
function removeOlderCaches(current: string): void {
  const name = basename(current)
  for (const old of readdirSync(dirname(current))) {
    if (old.startsWith(PREFIX) && old.endsWith('.json') && old !== name) rmSync(join(dirname(current), old), { force: true })
  }
}

function cacheFile(cacheDir: string): string | undefined {
  try {
    const parser = statSync(fileURLToPath(HEADER_PARSER_URL))
    const key = createHash('sha256').update(`${HEADER_PARSER_URL}\0${parser.size}\0${parser.mtimeMs}`).digest('hex').slice(0, 16)
    return join(cacheDir, `${PREFIX}${key}.json`)
  } catch {
    return undefined
  }
}
