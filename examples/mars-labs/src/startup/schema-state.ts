import { current, heads } from 'athanor'

/** Where one database stands against the migrations folder. */
export interface SchemaState {
  /** Its name in the migrations config (`default`, `db1`, `db2`). */
  readonly database: string
  /** The URL as athanor prints it (passwords hidden). */
  readonly url: string
  readonly current: readonly string[]
  readonly heads: readonly string[]
}

/** At head: exactly the graph's heads are applied, no more and no fewer. */
export function atHead(state: SchemaState): boolean {
  return state.current.length === state.heads.length && state.heads.every((id) => state.current.includes(id))
}

/**
 * Reads every database's revisions through athanor's API, the answer
 * `athanor current` gives; the config's databases are the list, so a
 * database added there is checked without touching this file. A database
 * at a revision the folder does not know fails here, naming it, rather
 * than starting the app on it.
 */
export async function schemaStates(directory: string): Promise<SchemaState[]> {
  const [now, graphHeads] = await Promise.all([current({ directory }), heads({ directory })])
  const headIds = graphHeads.map((view) => view.revision)
  return (now.databases ?? [now]).map((result) => ({
    database: result.database ?? 'default',
    url: result.url,
    current: result.revisions.map((view) => view.revision),
    heads: headIds,
  }))
}
