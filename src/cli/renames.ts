import type { RenameResolver, TableName } from '../diff/options.js'
import { parseRenameFlag } from '../diff/rename-flag-names.js'

type Ask = (question: string) => Promise<boolean>

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
 * PostgreSQL partition or sequence, each with its schema or not) and
 * `--rename-column table.old:new` answer first; a name holding `.` or `:`
 * is written in double quotes (`"order.items".qty:amount`); when `ask` is given (a TTY),
 * each remaining vanished/appeared pair is asked about. Otherwise nothing
 * else is renamed, so a drop and an add are written, never a guess.
 *
 * @example
 * const renames = cliRenames(['users:accounts'], ['accounts.mail:email'])
 */
export function cliRenames(tableArgs: readonly string[], columnArgs: readonly string[], ask?: Ask): RenameResolver {
  const tables = tableArgs.map((arg) => ({ ...parseRenameFlag(arg, 'rename-table', { from: [1, 2], to: [1, 2] }, 'OLD:NEW'), arg }))
  const columns = columnArgs.map((arg) => {
    const { from, to } = parseRenameFlag(arg, 'rename-column', { from: [2, 3], to: [1, 1] }, 'TABLE.OLD:NEW')
    return { table: from.slice(0, -1), from: from.at(-1)!, to: to[0]!, arg }
  })
  // A name alone names the table in any schema; with its schema, a table without one lives in `home`.
  const names = (t: TableName, parts: readonly string[], home?: string) =>
    parts.length === 1 ? t.name === parts[0] : t.name === parts[1] && (t.schema ?? home) === parts[0]
  const used = new Set<string>()
  return {
    unmatched: () => [
      ...tableArgs.filter((arg) => !used.has(`table ${arg}`)).map((arg) => `--rename-table ${arg}`),
      ...columnArgs.filter((arg) => !used.has(`column ${arg}`)).map((arg) => `--rename-column ${arg}`),
    ],
    async tables(dropped, added, home, kind = 'table') {
      const answers: Array<readonly [TableName, TableName]> = []
      const open = new Set(added)
      for (const was of dropped) {
        const given = tables.find(({ from }) => names(was, from, home))
        const match = given && [...open].find((t) => names(t, given.to, home))
        if (match && given) {
          used.add(`table ${given.arg}`)
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
        const given = columns.find((c) => names(table, c.table) && c.from === was && open.has(c.to))
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
