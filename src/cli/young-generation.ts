import { setV8Flag } from '../core/v8-flags.js'

/**
 * Keeps V8's young generation at the size it has now for the rest of the
 * process, unless the user sized it (`--max-semi-space-size` or
 * `--min-semi-space-size` in the command line or NODE_OPTIONS).
 *
 * Loading a long plan's scripts keeps nearly everything it allocates, and
 * V8 answers that by doubling its semi-spaces up to 8 MB each: 14 MB more
 * resident memory for a 1,000-revision SQLite upgrade (88 MB at the peak,
 * 76 MB without), for a few percent of speed. V8 reads the growth factor
 * each time it would grow, so setting it to 1 here, after the heap was made,
 * holds (`--max-semi-space-size` set the same way does not: it is read
 * once, when the heap is made). A factor below 1 crashes V8, so 1 it is.
 * Only the CLI does this, and only for a command that runs a plan: an
 * application calling `upgrade()` keeps its own heap as it was. Only on the
 * V8 this was measured on (11.x, Node 20): V8 prints "unrecognized flag" on
 * stderr for a flag it no longer has, and a later young generation may not
 * grow the same way.
 *
 * @example
 * keepYoungGenerationSmall([], {}) // true: set
 * keepYoungGenerationSmall(['--max-semi-space-size=64'], {}) // false: the user's setting stands
 * keepYoungGenerationSmall([], {}, '12.4.254.21-node.33') // false: not the V8 it was measured on
 */
export function keepYoungGenerationSmall(
  execArgv: readonly string[] = process.execArgv,
  env: NodeJS.ProcessEnv = process.env,
  v8Version: string = process.versions.v8,
): boolean {
  const sized = (text: string) => /semi[-_]space/.test(text)
  if (execArgv.some(sized) || sized(env['NODE_OPTIONS'] ?? '')) return false
  if (!v8Version.startsWith('11.')) return false
  setV8Flag('--semi-space-growth-factor=1')
  return true
}
