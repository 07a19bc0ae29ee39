import type { DatabaseRunResult, MigrateResult } from '../../command/upgrade.js'
import { AthanorError } from '../../core/errors.js'
import { info, out, type CliIo } from '../io.js'
import { named, type VerbArgs } from './shared.js'

/** `--json` prints the result on stdout, where `--sql` prints the script: refused before anything runs. */
export function refuseJsonWithSql(options: VerbArgs['options']): void {
  if (options['json'] === true && options['sql'] === true) {
    throw new AthanorError('INVALID_OPTION', '--json cannot go with --sql: --sql prints the SQL script on stdout')
  }
}

/**
 * The end of an upgrade or downgrade: with `--json` the result (always
 * `{ databases: [...] }`) on stdout; otherwise one closing line per database
 * on stderr. Offline (`--sql`) the script says what happens, so the line
 * only explains an empty one.
 */
export function reportMove(io: CliIo, result: MigrateResult, verb: 'upgrade' | 'downgrade', options: VerbArgs['options']): void {
  if (options['json'] === true) {
    out(io, JSON.stringify(result, null, 2))
    return
  }
  for (const one of result.databases) {
    if (options['sql'] !== true || !one.changed) info(io, named(one.database, closingLine(one, verb)))
  }
}

function closingLine(one: DatabaseRunResult, verb: 'upgrade' | 'downgrade'): string {
  const at = one.to.join(', ') || 'base'
  // A rolled-back deploy upgrades to an older release's revision; saying "at <target>" would misreport the database.
  if (one.alreadyPast.length > 0) return `Already past ${one.alreadyPast.join(', ')}: at ${at}; nothing to ${verb}.`
  if (!one.changed) return `Nothing to ${verb}: the database is at ${at}.`
  // A downgrade says how much it undid: the count is what an operator checks against what was meant.
  return verb === 'downgrade' ? `Now at ${at}: ${countMigrations(one.steps.length)} reverted.` : `Now at ${at}.`
}

/** `1 migration`, `3 migrations`. */
export function countMigrations(count: number): string {
  return `${count} migration${count === 1 ? '' : 's'}`
}
