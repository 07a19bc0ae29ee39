import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import * as util from 'node:util'

/** The files read when the config names none: `.env`, then `.env.local`, which wins over it. */
export const DEFAULT_ENV_FILES: readonly string[] = ['.env', '.env.local']

type Environment = Readonly<Record<string, string | undefined>>

/**
 * The environment a command reads: the variables already set, and those of
 * the `.env` files that are not (a file later in the list wins over an
 * earlier one; none wins over a variable already set). Files are relative
 * to `root`; a missing one is skipped. When `environment` is the process's
 * own, the new variables are set in it too, so migration scripts see them.
 *
 * @example
 * const env = loadEnvFiles('/srv/app', ['.env'], { PATH: '/usr/bin' })
 * env['DATABASE_URL'] // from /srv/app/.env, when it sets it
 */
export function loadEnvFiles(root: string, files: readonly string[], environment: Environment): Environment {
  const fromFiles: Record<string, string> = {}
  for (const name of files) {
    const file = resolve(root, name)
    if (existsSync(file)) Object.assign(fromFiles, parseEnvText(readFileSync(file, 'utf8')))
  }
  const added = Object.entries(fromFiles).filter(([key]) => environment[key] === undefined)
  if (added.length === 0) return environment
  if (environment === process.env) {
    for (const [key, value] of added) process.env[key] = value
    return environment
  }
  return { ...environment, ...Object.fromEntries(added) }
}

// Node 20.12 reads .env text itself (util.parseEnv); older Node 20 releases use the small parser below.
const nodeParseEnv = (util as { parseEnv?: (content: string) => Record<string, string | undefined> }).parseEnv

/**
 * The variables of a `.env` file: `KEY=value` lines, `export KEY=value`,
 * `#` comments, and values in single, double or back quotes (double quotes
 * turn `\n` into a newline and may span lines).
 *
 * @example
 * parseEnvText('# local\nDATABASE_URL="sqlite:///app.db"\nexport DEBUG=1\n') // { DATABASE_URL: 'sqlite:///app.db', DEBUG: '1' }
 */
export function parseEnvText(text: string): Record<string, string> {
  if (nodeParseEnv !== undefined) {
    return Object.fromEntries(Object.entries(nodeParseEnv(text)).filter((entry): entry is [string, string] => entry[1] !== undefined))
  }
  return parseEnvFallback(text)
}

const LINE = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*("(?:\\.|[^"\\])*"|'[^']*'|`[^`]*`|[^\n#]*?)[ \t]*(?:#.*)?$/gm

/**
 * The parser for Node releases without `util.parseEnv`, with the same reading of the common forms.
 *
 * @example
 * parseEnvFallback("A=1\nB='two words' # note\n") // { A: '1', B: 'two words' }
 */
export function parseEnvFallback(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const match of text.replace(/\r\n?/g, '\n').matchAll(LINE)) {
    const key = match[1]!
    const raw = match[2] ?? ''
    const quote = raw[0]
    if (quote === '"' && raw.endsWith('"') && raw.length >= 2) result[key] = raw.slice(1, -1).replace(/\\n/g, '\n')
    else if ((quote === "'" || quote === '`') && raw.endsWith(quote) && raw.length >= 2) result[key] = raw.slice(1, -1)
    else result[key] = raw
  }
  return result
}
