import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

/** An athanor project as a user makes one with `athanor init`, models next to the migrations folder. */
export interface Workspace {
  readonly root: string
  readonly directory: string
  readonly models: string
  /** `-d DIR --url URL`, to put before a verb. */
  readonly base: readonly string[]
  cleanup(): void
}

/**
 * `athanor init` in a temporary folder, its config pointed at `models.ts`
 * and at the given version table.
 *
 * @example
 * const ws = await workspace('sqlite:///app.db', { versionTable: 'alembic_version' })
 */
export async function workspace(url: string, options: { versionTable?: string; root?: string } = {}): Promise<Workspace> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'athanor-adopt-'))
  const directory = join(root, 'migrations')
  await cliOk(['init', directory, '--url', url], {})
  const config = join(directory, 'athanor.config.ts')
  let text = readFileSync(config, 'utf8').replace("// models: '../src/models.ts',", "models: '../models.ts',")
  if (options.versionTable) text = text.replace("versionTable: 'athanor_version'", `versionTable: '${options.versionTable}'`)
  writeFileSync(config, text)
  return {
    root,
    directory,
    models: join(root, 'models.ts'),
    base: ['-d', directory, '--url', url],
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  }
}

/**
 * A workspace on `db` for the tests of the enclosing `describe`: made before
 * them (after `db`, when `useTestDatabase` made it first), removed after.
 *
 * @example
 * describe('sqlite', () => {
 *   const db = useTestDatabase('sqlite')
 *   const ws = useWorkspace(db)
 *   test('…', async () => { await cliOk([...ws.base, 'upgrade']) })
 * })
 */
export function useWorkspace(db: TestDatabase): Workspace {
  let current: Workspace | undefined
  const get = (): Workspace => {
    if (!current) throw new Error('the workspace is not made yet: use it inside a test')
    return current
  }
  before(async () => {
    current = await workspace(db.url)
  })
  after(() => current?.cleanup())
  return {
    get root() {
      return get().root
    },
    get directory() {
      return get().directory
    },
    get models() {
      return get().models
    },
    get base() {
      return get().base
    },
    cleanup: () => get().cleanup(),
  }
}
