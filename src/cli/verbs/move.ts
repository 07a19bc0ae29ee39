import type { MigrateResult } from '../../command/upgrade.js'
import { info, type CliIo } from '../io.js'
import { named } from './shared.js'

/** The closing line of an upgrade or downgrade, one per database when there are several. */
export function reportMove(io: CliIo, result: MigrateResult, verb: string): void {
  for (const one of result.databases) {
    if (one.steps.length === 0) info(io, named(one.database, `Nothing to ${verb}: the database is at ${one.to.join(', ') || 'base'}.`))
    else info(io, named(one.database, `Now at ${one.to.join(', ') || 'base'}.`))
  }
}
