import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cpSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/index.js'
import { cli, cliOk } from '../helpers/cli.js'
import { alembicProject, SYSTEM_PYTHON, type AlembicProject } from './alembic-project.js'
import { useTestDatabase } from '../helpers/databases.js'
import { sqlalchemyUrl, userTables } from './user-tables.js'
import { workspace } from './workspace.js'

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'alembic-corpus')

type Graph = Record<string, { down: string[]; labels: string[]; dependsOn: string[] }>

/** athanor's graph of the project `base` names (`-d DIR ...`), as `history --json` shows it. */
async function athanorGraph(base: readonly string[]): Promise<Graph> {
  const views = JSON.parse((await cliOk([...base, 'history', '--json'])).stdout) as {
    revision: string
    downRevisions: string[]
    branchLabels: string[]
    dependsOn: string[]
  }[]
  return Object.fromEntries(
    views.map((v) => [
      v.revision,
      { down: [...v.downRevisions].sort(), labels: [...v.branchLabels].sort(), dependsOn: [...v.dependsOn].sort() },
    ]),
  )
}

/** Alembic's own graph of a versions folder: parents, labels and dependencies per revision. */
function alembicGraph(project: AlembicProject): Graph {
  const script = [
    'import json, sys',
    'from alembic.config import Config',
    'from alembic.script import ScriptDirectory',
    "s = ScriptDirectory.from_config(Config('alembic.ini'))",
    'tup = lambda v: sorted([] if v is None else [v] if isinstance(v, str) else list(v))',
    'print(json.dumps({r.revision: {"down": tup(r.down_revision), "labels": sorted(r.branch_labels),',
    '  "dependsOn": tup(r.dependencies)} for r in s.walk_revisions()}))',
  ].join('\n')
  return JSON.parse(execFileSync(SYSTEM_PYTHON, ['-c', script], { cwd: project.root, encoding: 'utf8' }))
}

describe('a real Alembic project (microblog) converted whole', () => {
  let alembic: AlembicProject
  let base: string[]
  before(async () => {
    alembic = alembicProject({})
    cpSync(join(CORPUS, 'microblog', 'migrations', 'versions'), alembic.versions, { recursive: true })
    alembic.alembic('upgrade', 'heads')
    base = [...(await workspace(alembic.url, { versionTable: 'alembic_version', root: alembic.root })).base]
  })
  after(() => alembic?.cleanup())

  test('every revision is translated, and the graph is Alembic’s', async () => {
    const result = await cliOk([...base, 'convert-alembic', alembic.versions])
    assert.doesNotMatch(result.stderr, /by hand|Left out/)
    assert.deepEqual(await athanorGraph(base), alembicGraph(alembic))
  })

  test('on an empty database the converted scripts build the catalog Alembic built', async () => {
    const fresh = `sqlite:///${join(alembic.root, 'fresh.db')}`
    await cliOk([...base, '--url', fresh, 'upgrade', 'heads'])
    const ops = await autogenerate(await userTables(alembic.url), await userTables(fresh), {
      hooks: diffHooksFor('sqlite'),
      include: (t) => !t.name.startsWith('alembic_version'),
    })
    assert.deepEqual(ops, [])
  })
})

for (const dialect of ['postgresql', 'mysql'] as const) {
  describe(`microblog on ${dialect === 'mysql' ? 'MariaDB' : 'PostgreSQL'}: the converted scripts build the catalog Alembic built`, () => {
    const byAlembic = useTestDatabase(dialect)
    const byAthanor = useTestDatabase(dialect)
    let alembic: AlembicProject | undefined
    after(() => alembic?.cleanup())

    test('types, keys, indexes and foreign keys are the same', async () => {
      alembic = alembicProject({}, sqlalchemyUrl(byAlembic))
      cpSync(join(CORPUS, 'microblog', 'migrations', 'versions'), alembic.versions, { recursive: true })
      alembic.alembic('upgrade', 'heads')
      const ws = await workspace(byAthanor.url, { versionTable: 'alembic_version', root: alembic.root })
      await cliOk([...ws.base, 'convert-alembic', alembic.versions])
      await cliOk([...ws.base, 'upgrade', 'heads'])
      const built = await userTables(byAlembic.url)
      assert.deepEqual(built.map((t) => t.name).sort(), ['followers', 'message', 'notification', 'post', 'task', 'user'])
      const ops = await autogenerate(built, await userTables(byAthanor.url), {
        hooks: diffHooksFor(dialect),
        include: (t) => !t.name.startsWith('alembic_version'),
      })
      assert.deepEqual(ops, [])
    })
  })
}

/**
 * PYTHONPATH for running a corpus project's scripts in Python and reading
 * its constants in the converter: the stand-ins for what the project imports
 * but no migration needs, the project's own modules, and its site-packages.
 */
function withProjectPython(project: string, stubs: readonly string[]): { restore(): void } {
  const saved = { path: process.env.PYTHONPATH, stubs: process.env.ATHANOR_STUB_MODULES }
  const root = join(CORPUS, project)
  process.env.PYTHONPATH = [join(import.meta.dirname, 'python-stubs'), root, join(root, 'site-packages')].join(delimiter)
  process.env.ATHANOR_STUB_MODULES = stubs.join(',')
  return {
    restore() {
      for (const [key, value] of [
        ['PYTHONPATH', saved.path],
        ['ATHANOR_STUB_MODULES', saved.stubs],
      ] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    },
  }
}

/** The corpus projects: where their versions folder is, and what their scripts import that no migration needs. */
const PROJECTS: readonly { name: string; versions: readonly string[] }[] = [
  { name: 'ctfd', versions: ['migrations', 'versions'] },
  { name: 'keystone', versions: ['keystone', 'common', 'sql', 'migrations', 'versions'] },
  { name: 'microblog', versions: ['migrations', 'versions'] },
  { name: 'neutron', versions: ['neutron', 'db', 'migration', 'alembic_migrations', 'versions'] },
  { name: 'octavia', versions: ['octavia', 'db', 'migration', 'alembic_migrations', 'versions'] },
  { name: 'redash', versions: ['migrations', 'versions'] },
]

const SERVER_NAMES = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MariaDB' } as const

/**
 * The projects built on an empty database both by Alembic from the Python
 * originals and by athanor from the converted scripts, on the databases each
 * targets, with the imports their scripts need stood in for.
 */
const CATALOG_CASES: readonly { project: string; dialect: 'sqlite' | 'postgresql' | 'mysql'; stubs: readonly string[] }[] = [
  { project: 'octavia', dialect: 'mysql', stubs: ['pbr', 'oslo_log'] },
  { project: 'ctfd', dialect: 'mysql', stubs: ['CTFd'] },
  { project: 'ctfd', dialect: 'postgresql', stubs: ['CTFd'] },
]

for (const { project, dialect, stubs } of CATALOG_CASES) {
  describe(`${project} on ${SERVER_NAMES[dialect]}: the converted revisions build the catalog Alembic built`, () => {
    const byAlembic = useTestDatabase(dialect)
    const byBoth = useTestDatabase(dialect)
    const projects: AlembicProject[] = []
    let python: { restore(): void } | undefined
    after(() => {
      for (const p of projects) p.cleanup()
      python?.restore()
    })

    test('athanor runs what it converted and Alembic the rest, as on an adopted database; the catalogs are the same', async () => {
      python = withProjectPython(project, stubs)
      const versions = join(CORPUS, project, ...PROJECTS.find((p) => p.name === project)!.versions)
      const [alembic, handOver] = [byAlembic, byBoth].map((db) => {
        const made = alembicProject({}, sqlalchemyUrl(db))
        projects.push(made)
        cpSync(versions, made.versions, { recursive: true })
        return made
      }) as [AlembicProject, AlembicProject]
      alembic.alembic('upgrade', 'heads')
      const ws = await workspace(byBoth.url, { versionTable: 'alembic_version', root: handOver.root })
      await cli([...ws.base, 'convert-alembic', handOver.versions])
      // Each converted upgrade runs in athanor; at a body left to port by hand
      // (it throws before doing anything) Alembic runs the Python original.
      const byPython: string[] = []
      for (let round = 0; round < 200; round++) {
        const upgrade = await cli([...ws.base, 'upgrade', 'heads'])
        if (upgrade.status === 0) break
        const stuck = /upgrade of revision (\S+) .*ported to TypeScript by hand/.exec(upgrade.stderr)?.[1]
        assert.ok(stuck !== undefined, upgrade.stderr)
        handOver.alembic('upgrade', stuck)
        byPython.push(stuck)
      }
      const scripts = readdirSync(join(ws.directory, 'versions')).length
      assert.ok(byPython.length < scripts / 2, `only ${scripts - byPython.length} of ${scripts} revisions ran converted`)
      const ops = await autogenerate(await userTables(byAlembic.url), await userTables(byBoth.url), {
        hooks: diffHooksFor(dialect),
        include: (t) => !t.name.startsWith('alembic_version'),
      })
      assert.deepEqual(ops, [])
    })
  })
}

/**
 * Alembic's graph of a versions folder and the folders below it, its
 * scripts loaded by Python with the project's modules and site-packages on
 * the path and every other missing import stood in for.
 */
function alembicGraphOf(versions: string): Graph {
  const script = [
    'import json, os, sys',
    'from alembic.script import ScriptDirectory',
    'root = sys.argv[1]',
    "scripts = lambda files: any(f.endswith('.py') and f != '__init__.py' for f in files)",
    "locations = sorted({d for d, _, files in os.walk(root) if '__pycache__' not in d and scripts(files)})",
    's = ScriptDirectory(root, version_locations=locations)',
    'tup = lambda v: sorted([] if v is None else [v] if isinstance(v, str) else list(v))',
    'print(json.dumps({r.revision: {"down": tup(r.down_revision), "labels": sorted(r.branch_labels),',
    '  "dependsOn": tup(r.dependencies)} for r in s.walk_revisions()}))',
  ].join('\n')
  return JSON.parse(execFileSync(SYSTEM_PYTHON, ['-c', script, versions], { encoding: 'utf8', maxBuffer: 1 << 26 }))
}

describe("every corpus project's graph is Alembic's", () => {
  for (const project of PROJECTS) {
    test(project.name, async () => {
      const python = withProjectPython(project.name, ['*'])
      const ws = await workspace('sqlite:///unused.db')
      try {
        const versions = join(CORPUS, project.name, ...project.versions)
        const converted = await cli(['-d', ws.directory, 'convert-alembic', versions])
        assert.doesNotMatch(converted.stderr, /Left out/)
        assert.deepEqual(await athanorGraph(['-d', ws.directory]), alembicGraphOf(versions))
      } finally {
        ws.cleanup()
        python.restore()
      }
    })
  }
})

describe('headers that name constants of the project (Neutron, Keystone)', () => {
  test("cli.EXPAND_BRANCH is read from the project's module, and nested release folders convert", async () => {
    const ws = await workspace('sqlite:///unused.db')
    try {
      const neutron = join(CORPUS, 'neutron', 'neutron', 'db', 'migration', 'alembic_migrations', 'versions')
      const result = await cliOk(['-d', ws.directory, 'convert-alembic', neutron, '--dry-run'])
      assert.doesNotMatch(result.stderr, /Left out/)
      const written = readdirSync(neutron, { recursive: true }).filter(
        (f) => String(f).endsWith('.py') && !String(f).endsWith('__init__.py'),
      )
      assert.equal(result.stderr.split('\n').filter((l) => l.startsWith('Would write')).length, written.length)
    } finally {
      ws.cleanup()
    }
  })
})
