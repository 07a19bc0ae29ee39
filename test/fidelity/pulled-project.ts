import { readFileSync } from 'node:fs'
import { cliOk } from '../helpers/cli.js'
import { after, before } from 'node:test'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { createTestDatabase, type TestDatabase, type TestServer } from '../helpers/databases.js'

/** A source database made by hand, an empty one to rebuild it on, and a project pointed at the empty one. */
export interface PulledProject {
  readonly source: TestDatabase
  readonly rebuilt: TestDatabase
  readonly ws: Workspace
}

/**
 * For the tests of the enclosing `describe`: `sql` run on a new source
 * database, an empty database beside it, and a project on the empty one
 * (pull from the source with `--url`); made before them, removed after.
 *
 * @example
 * const project = usePulledProject('postgresql', ['CREATE TABLE t (id serial PRIMARY KEY)'])
 * test('…', async () => { await cliOk([...project().ws.base, 'pull', '-o', project().ws.models, '--url', project().source.url]) })
 */
export function usePulledProject(server: TestServer, sql: readonly string[]): () => PulledProject {
  let made: PulledProject | undefined
  before(async () => {
    const source = await createTestDatabase(server)
    const rebuilt = await createTestDatabase(server)
    for (const statement of sql) await source.query(statement)
    made = { source, rebuilt, ws: await workspace(rebuilt.url) }
  })
  after(async () => {
    made?.ws.cleanup()
    await made?.source.drop()
    await made?.rebuilt.drop()
  })
  return () => {
    if (made === undefined) throw new Error('the project is not made yet: use it inside a test')
    return made
  }
}

/**
 * The first round trip of a pulled project: `pull` from the source into the
 * models, `migrate` them onto the empty database and `upgrade` it. Returns
 * the pulled models' text and what `pull` printed.
 *
 * @example
 * const { models } = await pullAndRebuild(project())
 */
export async function pullAndRebuild({ source, ws }: PulledProject): Promise<{ models: string; printed: string }> {
  const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
  await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
  await cliOk([...ws.base, 'upgrade'])
  return { models: readFileSync(ws.models, 'utf8'), printed: pulled.stdout + pulled.stderr }
}

/**
 * The project adopting the source itself, as a team adopts its database:
 * `pull` the models, an empty first revision, and `stamp` the source at it.
 * Returns the pulled models' text and the `--url` arguments naming the
 * source, for the commands that follow.
 *
 * @example
 * const { models, url } = await adoptSource(project())
 * await cliOk([...project().ws.base, 'check', ...url])
 */
export async function adoptSource({ source, ws }: PulledProject): Promise<{ models: string; url: readonly string[] }> {
  const url = ['--url', source.url]
  await cliOk([...ws.base, 'pull', '-o', ws.models, ...url])
  await cliOk([...ws.base, 'revision', '-m', 'adopted', ...url])
  await cliOk([...ws.base, 'stamp', 'head', ...url])
  return { models: readFileSync(ws.models, 'utf8'), url }
}
