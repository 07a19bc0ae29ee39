import { info } from './io.js'
import { named, type VerbArgs } from './verbs/shared.js'

/**
 * The line that ends a failed `upgrade`, `downgrade`, `stamp` or `resolve`:
 * where each database is now (`The database sqlite:///app.db is at
 * ae1027a6acf0.`), so whoever reads the failure knows what state it left
 * without running `current`. Offline (`--sql`) nothing was touched.
 *
 * @example
 * // after 'error: ...' on stderr:
 * // The database sqlite:///app.db is at 1975ea83b712.
 */
export async function reportWhereabouts({ common, options, io }: VerbArgs): Promise<void> {
  // Offline nothing was touched; with --all the table already said where every database is.
  if (options['sql'] === true || options['all'] === true) return
  const { databaseWhereabouts } = await import('../command/status.js')
  for (const one of await databaseWhereabouts(common)) {
    const line = one.exists
      ? `The database ${one.url} is at ${one.current.join(', ') || 'base'}.`
      : `The database ${one.url} does not exist; nothing was created.`
    info(io, named(one.database, line))
  }
}
