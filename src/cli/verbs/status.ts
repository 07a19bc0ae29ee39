import type { DatabaseStatus } from '../../command/status.js'
import type { FanOutResult } from '../../command/all-databases.js'
import { allOptions, fanOutArgs, runAll } from '../all-databases.js'
import { out, type CliIo } from '../io.js'
import { at, json, named, printJsonOr, type Verb } from './shared.js'

/**
 * `athanor status [--json]`: where each database stands. Exit 0 when every
 * database is up to date, 1 when something is pending or needs a hand, 2
 * when it cannot tell (an error).
 *
 * @example
 * // $ athanor status
 * // sqlite:///app.db: at 1975ea83b712
 * // 1 pending: ae1027a6acf0 add email
 * // lock: free
 */
export const statusVerb: Verb = {
  summary: 'show where each database stands: current and pending revisions, unresolved steps, the lock (exit 1 if not up to date)',
  usage: 'status [--json] [--db NAME] [--all [--parallel N] [--on-error stop|continue] [--canary N]]',
  options: [json, ...allOptions],
  errorExit: 2,
  async run(args) {
    const { positionals, options, common, io } = args
    at(positionals, 0, 'status')
    const fan = fanOutArgs(options)
    if (fan !== undefined) {
      const { statusAll } = await import('../../command/all-databases.js')
      return runAll(args, fan, (fanned) => statusAll({ ...common, ...fanned }), everyUpToDate)
    }
    const { status } = await import('../../command/status.js')
    const result = await status(common)
    printJsonOr(io, result, options['json'] === true, () => {
      for (const one of result.databases) printDatabase(io, one)
    })
    return result.upToDate ? 0 : 1
  },
}

function printDatabase(io: CliIo, one: DatabaseStatus): void {
  const line = (text: string) => out(io, named(one.database, text))
  const at = one.current.join(', ') || 'base'
  line(one.exists ? `${one.url}: at ${at}` : `${one.url}: does not exist yet (at base)`)
  if (one.pending.length === 0) line(`no pending revision (heads: ${one.heads.join(', ') || 'none'})`)
  else {
    line(`${one.pending.length} pending:`)
    for (const pending of one.pending) line(`  ${pending.revision}  ${pending.message}`)
  }
  // The journal's description, so status names the statement and the ways out as upgrade and check do.
  for (const step of one.unfinished) {
    const next = step.runnerAlive ? '' : `; ${step.resolveHint}`
    line(`unresolved: ${step.summary.replace(/\s+/g, ' ')}${next}`)
  }
  for (const script of one.edited) {
    line(`edited: ${script.source} (${script.revision}) changed after it was applied on ${script.appliedAt}`)
  }
  for (const index of one.invalidIndexes)
    line(`invalid index: ${index.qualifiedName} on table ${index.table} (an index build did not finish)`)
  line(one.lock.held ? `lock: held by ${one.lock.holder ?? 'another run'}` : 'lock: free')
  line(one.upToDate ? 'Up to date.' : 'Not up to date.')
}

/** `status --all`: 0 when every database is up to date, 1 when one has something pending. */
function everyUpToDate(result: FanOutResult): number {
  return result.databases.every((row) => row.status === 'up to date') ? 0 : 1
}
