import { setFlagsFromString } from 'node:v8'

/** The V8 flags this process set while running, in order. */
const applied: string[] = []

/**
 * Sets a V8 flag for the rest of the process, and remembers it: V8 refuses
 * compiled code kept under other flags, so a code cache is kept per set of
 * flags (see codeCacheFile).
 *
 * @example
 * setV8Flag('--semi-space-growth-factor=1')
 */
export function setV8Flag(flag: string): void {
  setFlagsFromString(flag)
  applied.push(flag)
}

/**
 * The V8 flags this process runs under: those of its command line and
 * NODE_OPTIONS, then those it set (see setV8Flag).
 *
 * @example
 * v8FlagsInEffect() // ['--cpu-prof', '--semi-space-growth-factor=1'] for `node --cpu-prof` running an upgrade
 */
export function v8FlagsInEffect(): readonly string[] {
  return [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/).filter(Boolean), ...applied]
}
