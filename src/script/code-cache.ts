import { createHash } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { Script } from 'node:vm'
import { v8FlagsInEffect } from '../core/v8-flags.js'

/**
 * The file beside `file` that holds V8's compiled code for it under the
 * flags this process runs with. V8 refuses code compiled under other flags,
 * and an upgrade runs under one more than lint does (see
 * keepYoungGenerationSmall): one file each, so neither throws the other's
 * away.
 *
 * @example
 * codeCacheFile('/app/node_modules/.cache/athanor/plan-….mjs') // '/app/node_modules/.cache/athanor/plan-….mjs.3f2a9c1e.code-cache'
 */
export function codeCacheFile(file: string): string {
  const flags = createHash('sha256').update(v8FlagsInEffect().join('\0')).digest('hex').slice(0, 8)
  return `${file}.${flags}.code-cache`
}

/**
 * V8's compiled code for the classic script in `file`, as a run kept it;
 * undefined when none was kept. V8 checks the code against the script's
 * text and its own version and flags, and refuses what does not fit.
 *
 * @example
 * compiledCodeKept('/app/node_modules/.cache/athanor/plan-….mjs') // a Buffer, or undefined on a first run
 */
export function compiledCodeKept(file: string): Buffer | undefined {
  try {
    return readFileSync(codeCacheFile(file))
  } catch {
    return undefined
  }
}

/** The scripts whose code is written out when the process ends, by their file. */
const toKeep = new Map<string, Script>()

/**
 * Writes the code V8 compiled for `script` beside `file` when the process
 * ends: by then it holds the functions the run called, which V8 compiles
 * only on their first call, as well as the script's top level. A process
 * killed before its end keeps nothing, and the next run tries again.
 *
 * @example
 * import { Script } from 'node:vm'
 * keepCompiledCode('/app/node_modules/.cache/athanor/plan-….mjs', new Script('1'))
 */
export function keepCompiledCode(file: string, script: Script): void {
  if (toKeep.size === 0) process.once('exit', writeKeptCode)
  toKeep.set(file, script)
}

function writeKeptCode(): void {
  for (const [file, script] of toKeep) {
    const target = codeCacheFile(file)
    const temporary = `${target}.${process.pid}.tmp`
    try {
      // Only this user may read it, as the bundle it is made from.
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 })
      renameSync(temporary, target)
    } catch {
      // The code cache is only speed; a full disk or a removed folder costs the next run a compile.
      rmSync(temporary, { force: true })
    }
  }
  toKeep.clear()
}
