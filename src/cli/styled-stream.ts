import { Writable } from 'node:stream'

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number }

/**
 * Whether to colour a stream: `FORCE_COLOR` (any value but `0` or `false`)
 * forces it, `NO_COLOR` (any value, https://no-color.org) turns it off,
 * otherwise only a terminal gets colour.
 *
 * @example
 * colourWanted(process.stderr, { NO_COLOR: '1' }) // false, even on a terminal
 */
export function colourWanted(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env['FORCE_COLOR']
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false'
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false
  return stream.isTTY === true
}

const RED = '\x1b[31m'
const YELLOW = '\x1b[33m'
const GREEN = '\x1b[32m'
const RESET = '\x1b[39m'

// A line may start with a terminal's line reset and a database's name (`db1: `).
const LEAD = String.raw`^((?:\r\x1b\[2K)?(?:[A-Za-z_][A-Za-z0-9_]*: )?)`
const ERROR = new RegExp(`${LEAD}(error:)`, 'gm')
const WARNING = new RegExp(`${LEAD}(warning:)`, 'gm')
/** The lines that say a command did what it was asked. */
const SUCCESS_STARTS = [
  'Now at ',
  'Stamped ',
  'Resolved ',
  'Generating .* \\.\\.\\. done',
  'Created ',
  'Wrote ',
  'Up to date',
  'No changes in schema detected',
  'No new upgrade operations detected',
  'Nothing to (?:upgrade|downgrade)',
  'Already past ',
  'Accepted ',
  '\\d+ migrations? (?:applied|reverted)',
]
const SUCCESS = new RegExp(`${LEAD}((?:${SUCCESS_STARTS.join('|')}).*)$`, 'gm')
const ATTENTION = new RegExp(`${LEAD}(?:error|warning):`, 'm')

/**
 * The CLI's stderr as the user asked for it: with `quiet`, only error and
 * warning lines (progress and the lines saying what was done are dropped);
 * with `colour`, `error:` in red, `warning:` in yellow, success lines in
 * green. Keeps the stream's `isTTY` and `columns`, which the progress
 * display reads.
 *
 * @example
 * const stderr = styledStream(process.stderr, { quiet: false, colour: colourWanted(process.stderr, process.env) })
 * stderr.write('error: no such revision\n') // red 'error:' on a terminal
 */
export function styledStream(target: Stream, options: { readonly quiet: boolean; readonly colour: boolean }): Stream {
  if (!options.quiet && !options.colour) return target
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
      if (options.quiet && !ATTENTION.test(text)) return done()
      if (options.colour) {
        text = text.replace(ERROR, `$1${RED}$2${RESET}`).replace(WARNING, `$1${YELLOW}$2${RESET}`).replace(SUCCESS, `$1${GREEN}$2${RESET}`)
      }
      target.write(text)
      done()
    },
  })
  return Object.assign(stream, {
    ...(target.isTTY === undefined ? {} : { isTTY: target.isTTY }),
    ...(target.columns === undefined ? {} : { columns: target.columns }),
  })
}
