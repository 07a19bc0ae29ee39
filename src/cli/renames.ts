import { AthanorError } from '../core/errors.js'
import type { RenameResolver, TableName } from '../diff/options.js'

type Ask = (question: string) => Promise<boolean>

function pair(text: string, option: string): [string, string] {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) throw new AthanorError('INVALID_OPTION', `--${option} ${text}: expected OLD:NEW`)
  return [text.slice(0, colon), text.slice(colon + 1)]
}

const qualified = (t: TableName) => (t.schema === undefined ? t.name : `${t.schema}.${t.name}`)

/**
 * A prompt on the terminal: "Is table a renamed to b? [y/N]".
 *
 * @example
 * const ask = terminalPrompt(process.stdin, process.stderr)
 */
export function terminalPrompt(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Ask {
  return async (question) => {
    // Imported on a question only: readline is a good part of a command's start-up, and most never ask.
    const { createInterface } = await import('node:readline/promises')
    const rl = createInterface({ input, output })
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
    } finally {
      rl.close()
    }
  }
}

/**
 * The rename resolver of the CLI: `--rename-table old:new` (a table, or a
 * PostgreSQL partition or sequence) and `--rename-column table.old:new`
 * answer first; when `ask` is given (a TTY),
 * each remaining vanished/appeared pair is asked about. Otherwise nothing
 * else is renamed, so a drop and an add are written, never a guess.
 *
 * @example
 * const renames = cliRenames(['users:accounts'], ['accounts.mail:email'])
 */
export function cliRenames(tableArgs: readonly string[], columnArgs: readonly string[], ask?: Ask): RenameResolver {
  const tables = tableArgs.map((arg) => [...pair(arg, 'rename-table'), arg] as const)
  const columns = columnArgs.map((arg) => {
    const [from, to] = pair(arg, 'rename-column')
    const dot = from.lastIndexOf('.')
    if (dot <= 0) throw new AthanorError('INVALID_OPTION', `--rename-column ${arg}: expected TABLE.OLD:NEW`)
    return { table: from.slice(0, dot), from: from.slice(dot + 1), to, arg }
  })
  const used = new Set<string>()
  return {
    unmatched: () => [
      ...tableArgs.filter((arg) => !used.has(`table ${arg}`)).map((arg) => `--rename-table ${arg}`),
      ...columnArgs.filter((arg) => !used.has(`column ${arg}`)).map((arg) => `--rename-column ${arg}`),
    ],
    async tables(dropped, added, home, kind = 'table') {
      const answers: Array<readonly [TableName, TableName]> = []
      const open = new Set(added)
      // A table in the connection's own schema is read without one: `public.log` names it as well as `log`.
      const names = (t: TableName) => [t.name, qualified(t), ...(t.schema === undefined && home ? [`${home}.${t.name}`] : [])]
      for (const was of dropped) {
        const given = tables.find(([from]) => names(was).includes(from))
        const match = given && [...open].find((t) => names(t).includes(given[1]))
        if (match && given) {
          used.add(`table ${given[2]}`)
          answers.push([was, match])
          open.delete(match)
          continue
        }
        if (ask === undefined) continue
        for (const candidate of open) {
          if (await ask(`Is ${kind} ${qualified(was)} renamed to ${qualified(candidate)}?`)) {
            answers.push([was, candidate])
            open.delete(candidate)
            break
          }
        }
      }
      return answers
    },
    async columns(table, dropped, added) {
      const answers: Array<readonly [string, string]> = []
      const open = new Set(added)
      for (const was of dropped) {
        const given = columns.find((c) => (c.table === table.name || c.table === qualified(table)) && c.from === was && open.has(c.to))
        if (given) {
          used.add(`column ${given.arg}`)
          answers.push([was, given.to])
          open.delete(given.to)
          continue
        }
        if (ask === undefined) continue
        for (const candidate of open) {
          if (await ask(`Is column ${qualified(table)}.${was} renamed to ${candidate}?`)) {
            answers.push([was, candidate])
            open.delete(candidate)
            break
          }
        }
      }
      return answers
    },
  }
}
