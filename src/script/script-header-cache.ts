import { readdirSync, readFileSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HEADER_PARSER_URL, type ScriptHeader } from './script-header.js'

type Entries = Record<string, ScriptHeader | null>

/** A file's stamp (see fileStamp) and the checksum of the text it had then. */
type FileEntries = Record<string, readonly [stamp: string, checksum: string]>

interface CacheContent {
  readonly headers: Entries
  readonly files: FileEntries
}

/** What a file unchanged since an earlier run holds, known without reading it. */
export interface KnownScript {
  readonly checksum: string
  readonly header: ScriptHeader
}

/**
 * A file is taken as unchanged by its stamp only once its last change is
 * this old: file times tick coarsely (a few milliseconds on Linux), so a
 * file written twice within one tick, the same size both times, keeps its
 * stamp; once a file has been still this long, any later write moves its
 * times past the ones remembered.
 */
const SETTLED_MS = 2000

/**
 * Script headers as parsed before, by checksum, in one file of the compile
 * cache per project: parsing the headers of 1,000 scripts was a quarter of
 * `history`, and most runs read the same files again. A file holds only its
 * project's scripts as they are (entries of files gone are dropped), so a
 * run parses no other project's. The file's name carries the parser's own
 * file size and time, so a changed parser (a new version, a rebuild)
 * starts from nothing; the files of older parsers are removed.
 * Only text without a BOM or a CR is looked up: for it the checksum, which
 * normalises both away, names exactly one text. Each file's checksum is
 * remembered too, under its stamp (inode, size, modification and change
 * times): a file whose stamp has not moved since is not read at all, which
 * was most of what `current` and `history` spent on 1,000 scripts.
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
  #files: FileEntries
  #changed = false
  /** The files asked about in this run: the others were removed or renamed, and are not kept. */
  readonly #asked = new Set<string>()
  /** The checksums of the texts read in this run, kept with the headers of the files asked about. */
  readonly #read = new Set<string>()

  private constructor(
    private readonly file: string | undefined,
    content: CacheContent,
  ) {
    this.#entries = content.headers
    this.#files = content.files
  }

  /**
   * The cache of the scripts in `locations` (the versions folders): one file
   * per project, so that a run reads only its own scripts' entries, however
   * many projects share the cache folder.
   */
  static open(cacheDir: string | undefined, locations: readonly string[] = []): ScriptHeaderCache {
    const file = cacheDir === undefined ? undefined : cacheFile(cacheDir, locations)
    const empty = { headers: {}, files: {} }
    if (file === undefined) return new ScriptHeaderCache(undefined, empty)
    try {
      const content = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheContent> | null
      return new ScriptHeaderCache(file, { headers: objectOr(content?.headers), files: objectOr(content?.files) })
    } catch {
      return new ScriptHeaderCache(file, empty)
    }
  }

  /**
   * The checksum and header of `source` when its stamp is the one remembered
   * with them; `undefined` when the file must be read (new, changed, or
   * without a literal header).
   */
  known(source: string, stamp: string | undefined): KnownScript | undefined {
    this.#asked.add(source)
    const remembered = stamp === undefined ? undefined : this.#files[source]
    if (remembered === undefined || remembered[0] !== stamp) return undefined
    const header = this.#entries[remembered[1]]
    return header ? { checksum: remembered[1], header } : undefined
  }

  /** Remembers the checksum of the text `source` had under `stamp` (taken before reading it), once the file has settled. */
  remember(source: string, stamp: string | undefined, checksum: string): void {
    if (this.file === undefined || stamp === undefined || !Object.hasOwn(this.#entries, checksum)) return
    const remembered = this.#files[source]
    if (remembered?.[0] === stamp && remembered[1] === checksum) return
    this.#files[source] = [stamp, checksum]
    this.#changed = true
  }

  /** The header of `text`, whose checksum is `checksum`; `undefined` where it has no literal header. */
  header(text: string, checksum: string, parse: (text: string) => ScriptHeader | undefined): ScriptHeader | undefined {
    const cacheable = this.file !== undefined && !text.includes('\r') && !text.startsWith('\uFEFF')
    this.#read.add(checksum)
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
    if (this.file === undefined) return
    // Written too when files are gone (removed, renamed): their entries would be read on every run.
    if (!this.#changed && Object.keys(this.#files).length === this.#asked.size) return
    const temporary = `${this.file}.${process.pid}.tmp`
    try {
      const files: FileEntries = {}
      const headers: Entries = {}
      for (const [source, entry] of Object.entries(this.#files)) {
        if (!this.#asked.has(source)) continue
        files[source] = entry
        if (Object.hasOwn(this.#entries, entry[1])) headers[entry[1]] = this.#entries[entry[1]] ?? null
      }
      for (const checksum of this.#read) if (Object.hasOwn(this.#entries, checksum)) headers[checksum] = this.#entries[checksum] ?? null
      const content: CacheContent = { headers, files }
      writeFileSync(temporary, JSON.stringify(content), { mode: 0o600 })
      renameSync(temporary, this.file)
      this.#files = files
      this.#entries = headers
      this.#changed = false
      removeOlderCaches(this.file)
    } catch {
      rmSync(temporary, { force: true })
    }
  }
}

/**
 * What tells a file's contents apart without reading them, taken before the
 * file is read; `undefined` for a file changed too recently to be told
 * apart this way (see SETTLED_MS) or that cannot be stat'ed.
 *
 * @example
 * fileStamp('/app/migrations/versions/ae1027a6acf0_add_email.ts') // '1835017:912:1733312000000.123:1733312000000.123'
 */
export function fileStamp(file: string, now: number = Date.now()): string | undefined {
  let stats: Stats
  try {
    stats = statSync(file)
  } catch {
    return undefined
  }
  if (now - Math.max(stats.mtimeMs, stats.ctimeMs) < SETTLED_MS) return undefined
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`
}

function objectOr<T extends object>(value: T | undefined): T {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : ({} as T)
}

const PREFIX = 'script-headers-'

/**
 * A cache of another parser is left alone this long after its last write:
 * two copies of athanor sharing a cache folder (the user's, or one project's
 * CLI and another's) would otherwise delete each other's on every save, and
 * each would parse every header on every run.
 */
const OTHER_CACHE_KEPT_MS = 60 * 60 * 1000

/**
 * The cache of another project (same parser, other versions folders) is
 * kept this long after its last write: one unused this long is most likely
 * of a folder that is gone, and costs one reading of its headers otherwise.
 */
const OTHER_PROJECT_KEPT_MS = 30 * 24 * 60 * 60 * 1000

/**
 * The caches of other parsers, once unused a while, and of other projects,
 * once unused a long while: a new file is written only when the parser
 * changed or the scripts did.
 */
function removeOlderCaches(current: string, now: number = Date.now()): void {
  const name = basename(current)
  const parser = name.slice(0, PREFIX.length + KEY_LENGTH)
  for (const old of readdirSync(dirname(current))) {
    if (!old.startsWith(PREFIX) || !old.endsWith('.json') || old === name) continue
    const file = join(dirname(current), old)
    const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs
    const kept = old.startsWith(parser) && old.length === name.length ? OTHER_PROJECT_KEPT_MS : OTHER_CACHE_KEPT_MS
    if (written !== undefined && now - written > kept) rmSync(file, { force: true })
  }
}

/** Bumped when the cache file's form changes: files of an older form are then left for removal. */
const CACHE_FORMAT = 3

/** The length of a nameHash. */
const KEY_LENGTH = 16

/**
 * 16 hex digits naming a text: two 32-bit FNV-1a hashes of it. A file name
 * only, in a folder no one else can write to (see compileCacheDir), so it
 * needs no cryptographic hash, and a run that finds every header in the
 * cache then never loads node:crypto.
 */
function nameHash(text: string): string {
  let low = 0x811c9dc5
  let high = 0x050c5d1f
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    low = Math.imul(low ^ code, 0x01000193) >>> 0
    high = Math.imul(high ^ code, 0x01000193) >>> 0
  }
  return low.toString(16).padStart(8, '0') + high.toString(16).padStart(8, '0')
}

/** `script-headers-` + the parser's key + the project's (its versions folders), in hex. */
function cacheFile(cacheDir: string, locations: readonly string[]): string | undefined {
  try {
    const parser = statSync(fileURLToPath(HEADER_PARSER_URL))
    const key = nameHash(`${CACHE_FORMAT}\0${HEADER_PARSER_URL}\0${parser.size}\0${parser.mtimeMs}`)
    return join(cacheDir, `${PREFIX}${key}${nameHash(locations.join('\0'))}.json`)
  } catch {
    return undefined
  }
}
