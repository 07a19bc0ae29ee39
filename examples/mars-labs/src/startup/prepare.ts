import { upgrade } from 'athanor'
import { atHead, schemaStates, type SchemaState } from './schema-state.js'

export interface PrepareOptions {
  /** The migrations folder. */
  readonly directory: string
  /** Upgrade every database to head first, as a Flask-Migrate app calling `upgrade()` at start-up. */
  readonly migrate: boolean
  /** Serve even when a database is behind head (the routes may then fail on missing columns). */
  readonly allowOutdated: boolean
}

/** The application must not start; the message is the one line to print. */
export class StartupRefused extends Error {
  override readonly name = 'StartupRefused'
}

const at = (state: SchemaState) => (state.current.length === 0 ? 'base' : state.current.join(', '))

/**
 * One line for the databases behind head: with one, its URL too (the usual
 * mistake is the wrong file); with several, where each stands, grouped.
 */
export function describeBehind(behind: readonly SchemaState[]): string {
  const head = behind[0]!.heads.join(', ')
  if (behind.length === 1) return `database ${behind[0]!.database} (${behind[0]!.url}) is at ${at(behind[0]!)}, behind head ${head}`
  const places = new Set(behind.map(at))
  const names = behind.map((state) => state.database).join(', ')
  if (places.size === 1) return `databases ${names} are at ${at(behind[0]!)}, behind head ${head}`
  return `databases ${behind.map((state) => `${state.database} (at ${at(state)})`).join(', ')} are behind head ${head}`
}

/**
 * Makes sure the databases match the code before any request is served.
 * Starting against an old schema is refused by default: the failure would
 * otherwise surface later, as a missing column in the middle of a request.
 */
export async function prepareDatabases(options: PrepareOptions): Promise<SchemaState[]> {
  // Without a `db`, upgrade works through every database of the project.
  if (options.migrate) await upgrade({ directory: options.directory }, 'head')
  const states = await schemaStates(options.directory)
  const behind = states.filter((state) => !atHead(state))
  if (behind.length > 0 && !options.allowOutdated) {
    throw new StartupRefused(`${describeBehind(behind)}: run 'athanor upgrade' or start with --migrate (--allow-outdated starts anyway)`)
  }
  return states
}
