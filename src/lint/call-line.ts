import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const FRAME = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?$/

/**
 * The line of `file` in an error's stack: where a script called the
 * operation (`CallSites`). Scripts compiled by esbuild carry an inline
 * source map and athanor turns source maps on, so the line is the `.ts`
 * file's; Node's own type stripping keeps lines as they are.
 *
 * @example
 * const site = new Error('call site')
 * callLine(site, import.meta.filename) // this line's number
 */
export function callLine(site: Error | undefined, file: string): number | undefined {
  const stack = site?.stack
  if (stack === undefined) return undefined
  const wanted = resolve(file)
  for (const frame of stack.split('\n').slice(1)) {
    const match = FRAME.exec(frame.trim())
    if (match === null) continue
    const location = match[1]!
    const path = location.startsWith('file://') ? fileURLToPath(location.replace(/\?.*$/, '')) : location
    if (resolve(path) === wanted) return Number(match[2])
  }
  return undefined
}
