import assert from 'node:assert/strict'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { chain, type Project, temporaryProjects } from '../helpers/project.js'

// A models module that is missing, broken or exports nothing usable stops
// migrate and check with one line naming it, and no script is written.

const project = temporaryProjects()

/** A project at head, its config pointing `models` at `configured`, with `source` as src/models.ts. */
async function withModels(source: string | undefined, configured = '../src/models.ts'): Promise<Project & { models: string }> {
  const made = project(chain(['mod000000001']))
  made.config(`export default { url: ${JSON.stringify(made.url)}, models: ${JSON.stringify(configured)} }\n`)
  mkdirSync(join(made.root, 'src'))
  const models = join(made.root, 'src', 'models.ts')
  if (source !== undefined) writeFileSync(models, `${source}\n`)
  const up = await runBin([...made.base, 'upgrade'], { cwd: made.root })
  assert.equal(up.status, 0, up.stderr)
  return { ...made, models }
}

/** `migrate` and `check` both fail with one line mentioning each of `mentions`; no script appears. */
async function assertRefused(made: Project, mentions: ReadonlyArray<string | RegExp>, extra: readonly string[] = []): Promise<void> {
  const before = readdirSync(made.versions).sort()
  assertCleanError(await runBin([...made.base, 'migrate', '-m', 'next', ...extra], { cwd: made.root }), ...mentions)
  // check exits 2 when it cannot compare, apart from 1 for "they differ".
  assertCleanError(await runBin([...made.base, 'check', ...extra], { cwd: made.root }), { status: 2 }, ...mentions)
  assert.deepEqual(readdirSync(made.versions).sort(), before, 'no script written')
}

describe('a models module that cannot be used', () => {
  test("config models: './src/modelz.ts', a file that does not exist", async () => {
    const made = await withModels('export default []', '../src/modelz.ts')
    await assertRefused(made, [join(made.root, 'src', 'modelz.ts'), 'does not exist', 'models', join(made.migrations, 'athanor.config.ts')])
  })

  test('--models naming a file that does not exist', async () => {
    const made = await withModels('export default []')
    await assertRefused(made, [join(made.root, 'nope.ts'), '--models'], ['--models', join(made.root, 'nope.ts')])
  })

  test('models naming a folder', async () => {
    const made = await withModels(undefined, '../src')
    await assertRefused(made, [join(made.root, 'src'), 'folder'])
  })

  test('an import of a name athanor does not export names the models file and line, and is no syntax error', async () => {
    const made = await withModels("export default []\n\nimport { missingThing } from 'athanor'\nmissingThing()")
    await assertRefused(made, [`${made.models}:3`, "'missingThing'", "'athanor'"])
    const line = assertCleanError(await runBin([...made.base, 'check'], { cwd: made.root }), { status: 2 }, `${made.models}:3`)
    assert.doesNotMatch(line, /syntax error|[0-9a-f]{40}\.mjs|file:\/\//)
  })

  const BROKEN: Readonly<Record<string, { source: string; mentions: ReadonlyArray<string | RegExp> }>> = {
    'a syntax error': { source: 'export const = 1', mentions: [/models\.ts:1: syntax error/] },
    'a throw while loading': { source: "throw new Error('models boom')", mentions: ['models boom'] },
    'process.exit while loading': { source: 'process.exit(3)', mentions: ['process.exit'] },
    'an import of a missing module': { source: "import './nothere.js'", mentions: ['nothere'] },
    'nothing exported': { source: 'export const x = 1', mentions: ['exports no tables'] },
    'a number as the default export': { source: 'export default 5', mentions: ['exports no tables'] },
    'tables that are not a list': { source: 'export default { tables: 5 }', mentions: ['tables'] },
    'a list of numbers': { source: 'export default [1, 2]', mentions: ['exports no tables'] },
    'a column that is not a column': {
      source: "export default { tables: [{ name: 'a', columns: [5] }] }",
      mentions: ['table "a"', 'column', '5'],
    },
    'a column with a type that is not a type': {
      source: "export default { tables: [{ name: 'a', columns: [{ name: 'x', type: 5 }] }] }",
      mentions: ['table "a"', 'column "x"', 'type'],
    },
    'a table whose name is not a string': {
      source: "export default { tables: [{ name: 5, columns: [{ name: 'x', type: { kind: 'integer' } }] }] }",
      mentions: ['name', '5'],
    },
  }

  for (const [what, { source, mentions }] of Object.entries(BROKEN)) {
    test(what, async () => {
      const made = await withModels(source)
      await assertRefused(made, [made.models, ...mentions])
    })
  }
})
