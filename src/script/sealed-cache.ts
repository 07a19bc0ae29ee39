import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A cache entry only the holder of the original text can read: the compiled
 * config, which may hold a password, is kept sealed with AES-256-GCM under a
 * key derived from the text it was compiled from, and filed under a name
 * derived from that text another way. Reading it back needs the config's
 * own source, so the cache shows nothing the project folder does not
 * already show to whoever can read it; the name tells nothing of the key.
 * A tampered or truncated entry fails authentication and is compiled anew.
 *
 * What it saves: compiling a TypeScript config meant starting esbuild's
 * service on every command, more than half of `athanor current`.
 *
 * @example
 * const sealed = sealedCacheEntry('/home/me/.cache/athanor', 'v2\0/app/migrations/athanor.config.ts\0export default {}')
 * sealed.read() ?? sealed.write('export default {}\n')
 */
export function sealedCacheEntry(cacheDir: string, material: string): SealedEntry {
  const key = createHash('sha256').update(`athanor sealed key\0${material}`).digest()
  const name = createHash('sha256').update(`athanor sealed name\0${material}`).digest('hex').slice(0, 40)
  const file = join(cacheDir, `${name}.sealed`)
  return {
    read: () => open(file, key),
    write: (text) => seal(file, key, text),
  }
}

/** One sealed entry: its text when it is there and intact, and a way to write it. */
export interface SealedEntry {
  read(): string | undefined
  /** Writes the text sealed; a cache that cannot be written only costs the compile next time. */
  write(text: string): void
}

const NONCE_BYTES = 12
const TAG_BYTES = 16

function open(file: string, key: Buffer): string | undefined {
  let sealed: Buffer
  try {
    sealed = readFileSync(file)
  } catch {
    return undefined
  }
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES))
    decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES))
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
  } catch {
    // Not what this text sealed (tampered, cut short): compiled again and rewritten.
    return undefined
  }
}

function seal(file: string, key: Buffer, text: string): void {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  const temporary = `${file}.${process.pid}.tmp`
  try {
    // Private anyway, as the rest of the cache (see compileCacheDir).
    writeFileSync(temporary, Buffer.concat([nonce, cipher.getAuthTag(), body]), { mode: 0o600 })
    renameSync(temporary, file)
  } catch {
    rmSync(temporary, { force: true })
  }
}
