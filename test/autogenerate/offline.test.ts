// migrate --offline replays the migrations on a shadow database instead of
// reading the project's own: it must write exactly the script `migrate`
// writes against a database at head. Each dialect walks the same fixtures
// (the golden BEFORE and AFTER, then random schemas), writing each script
// both ways under one revision id and comparing the text, then upgrading.
import assert from 'node:assert/strict'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { check } from '../../src/command/check.js'
import { migrate } from '../../src/command/migrate.js'
import { upgrade } from '../../src/command/upgrade.js'
import { isAthanorError } from '../../src/core/errors.js'
import { renderModels } from '../../src/models/render.js'
import type { Table } from '../../src/schema/types.js'
import { assertCleanError, cli } from '../helpers/cli.js'
import { offlineProjectFolder } from './helpers.js'
import { createTestDatabase, type TestDatabase, type TestServer } from '../helpers/databases.js'
import { AFTER, BEFORE } from './fixtures.js'
import { randomSchema } from './random-schema.js'

const MYSQL_SHADOW = process.env['ATHANOR_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/'
const POSTGRES_SHADOW = process.env['ATHANOR_TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

/** A project on `url` whose config may name a shadow; scripts and models are written by the tests. */
function project(url: string, shadowUrl?: string) {
  const { root, directory } = offlineProjectFolder(shadowUrl)
  const common = { directory, url, env: {} }
  let version = 0
  /** A fresh module path per call: a module is imported once per process. */
  const models = (tables: readonly Table[]) => {
    const file = join(root, `models-${++version}.ts`)
    writeFileSync(file, renderModels(tables))
    return file
  }
  return { root, directory, common, models, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

/** The script `migrate` writes, its Create Date line aside (the two runs are a moment apart). */
function scriptText(path: string | undefined): string | undefined {
  return path === undefined ? undefined : readFileSync(path, 'utf8').replace(/Create Date: .*$/m, 'Create Date: -')
}

/** The golden models with `now()` spelled as every dialect, SQLite too, can run it. */
const PORTABLE_AFTER: readonly Table[] = AFTER.map((table) => ({
  ...table,
  columns: table.columns.map((column) =>
    column.serverDefault?.kind === 'expression' && column.serverDefault.sql === 'now()'
      ? { ...column, serverDefault: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }
      : column,
  ),
}))

interface Case {
  readonly server: TestServer
  readonly shadowUrl?: string
}

const CASES: readonly Case[] = [
  { server: 'sqlite' },
  { server: 'postgresql' },
  { server: 'postgresql', shadowUrl: POSTGRES_SHADOW },
  { server: 'pglite' },
  { server: 'mysql', shadowUrl: MYSQL_SHADOW },
]

const fixtures: readonly (readonly [string, (server: TestServer) => readonly Table[]])[] = [
  ['golden BEFORE', () => BEFORE],
  ['golden AFTER', () => PORTABLE_AFTER],
  ...[11].map((seed) => [`random schema #${seed}`, (server: TestServer) => randomSchema(seed, dialectOf(server))] as const),
]

function dialectOf(server: TestServer) {
  return server === 'pglite' ? 'postgresql' : server
}

for (const { server, shadowUrl } of CASES) {
  describe(`migrate --offline equals migrate on ${server}${shadowUrl === undefined ? '' : ' with a shadowUrl'}`, () => {
    let db: TestDatabase
    let p: ReturnType<typeof project>
    before(async () => {
      db = await createTestDatabase(server)
      p = project(db.url, shadowUrl)
    })
    after(async () => {
      p?.cleanup()
      await db?.drop()
    })

    fixtures.forEach(([name, tables], step) => {
      test(`${name}: the same script text online and offline, then upgrade`, async () => {
        const revId = `0ff1${String(step).padStart(8, '0')}`
        const models = p.models(tables(server))
        const online = await migrate({ ...p.common, models, message: name, revId })
        const onlineText = scriptText(online.revision?.path)
        assert.ok(onlineText, 'the fixture changes something')
        rmSync(online.revision!.path)
        const offline = await migrate({ ...p.common, models: p.models(tables(server)), message: name, revId, offline: true })
        assert.equal(scriptText(offline.revision?.path), onlineText)
        await upgrade(p.common)
        const atHead = await check({ ...p.common, models })
        assert.deepEqual((await check({ ...p.common, models, offline: true })).differences, atHead.differences)
      })
    })
  })
}

describe('--offline with no database URL at all', () => {
  test('takes the dialect from shadowUrl: pglite:// in a project whose CI has no DATABASE_URL', async () => {
    const p = project('unused', 'pglite://')
    try {
      const { directory, env } = p.common
      const { differences } = await check({ directory, env, models: p.models(BEFORE), offline: true })
      assert.deepEqual(differences, ['add table legacy_log', 'add table users'])
    } finally {
      p.cleanup()
    }
  })
})

describe('--offline refuses what it cannot do, in one line', () => {
  test('a revision the shadow cannot replay is named, with the database reason', async () => {
    const p = project('postgresql://nobody@127.0.0.1:1/never')
    try {
      writeFileSync(
        join(p.directory, 'versions', 'e1_ext.ts'),
        "export const revision = 'e1'\nexport const downRevision = null\n" +
          "export async function upgrade(op: any) { op.execute('CREATE EXTENSION postgis') }\n" +
          'export async function downgrade() {}\n',
      )
      await assert.rejects(migrate({ ...p.common, models: p.models(BEFORE), message: 'x', offline: true }), (error: unknown) => {
        assert.ok(isAthanorError(error, 'SHADOW_REPLAY_FAILED'), String(error))
        assert.match(
          (error as Error).message,
          /^--offline cannot replay revision e1 \(.*e1_ext\.ts\) on the shadow database \(PGlite in memory\): .*postgis.*; set shadowUrl/,
        )
        return true
      })
    } finally {
      p.cleanup()
    }
  })

  test('a schema only made by hand before the migrations: the advice names op.createSchema', async () => {
    const p = project('postgresql://nobody@127.0.0.1:1/never')
    try {
      writeFileSync(
        join(p.directory, 'versions', 'e1_audit.ts'),
        "export const revision = 'e1'\nexport const downRevision = null\n" +
          "export async function upgrade(op: any) { op.execute('CREATE TABLE audit.log (id integer)') }\n" +
          'export async function downgrade() {}\n',
      )
      await assert.rejects(migrate({ ...p.common, models: p.models(BEFORE), message: 'x', offline: true }), (error: unknown) => {
        assert.ok(isAthanorError(error, 'SHADOW_REPLAY_FAILED'), String(error))
        assert.match(
          (error as Error).message,
          /^--offline cannot replay revision e1 \(.*e1_audit\.ts\) on the shadow database \(PGlite in memory\): .*schema "audit" does not/,
        )
        assert.match(
          (error as Error).message,
          /no migration before it creates schema "audit": add op\.createSchema\('audit', \{ ifNotExists: true \}\)/,
        )
        return true
      })
    } finally {
      p.cleanup()
    }
  })

  test('MySQL without a shadowUrl', async () => {
    const p = project('mysql://root@127.0.0.1:1/never')
    try {
      await assert.rejects(check({ ...p.common, models: p.models(BEFORE), offline: true }), (error: unknown) => {
        assert.ok(isAthanorError(error, 'SHADOW_URL_REQUIRED'), String(error))
        assert.match((error as Error).message, /mysql has none built in: set shadowUrl in .*athanor\.config\.ts/)
        return true
      })
    } finally {
      p.cleanup()
    }
  })

  test('a shadowUrl of another dialect', async () => {
    const p = project('postgresql://nobody@127.0.0.1:1/never', MYSQL_SHADOW)
    try {
      await assert.rejects(check({ ...p.common, models: p.models(BEFORE), offline: true }), (error: unknown) =>
        isAthanorError(error, 'INVALID_CONFIG'),
      )
    } finally {
      p.cleanup()
    }
  })
})

describe('the CLI', () => {
  test('check --offline and migrate --offline never open the database the URL names', async () => {
    const p = project('sqlite:///never-made.db')
    try {
      writeFileSync(join(p.root, 'models.ts'), renderModels(BEFORE))
      const checked = await cli(['check', '--offline', '-d', p.directory, '--url', `sqlite:///${join(p.root, 'never-made.db')}`])
      assert.equal(checked.status, 1, checked.stderr)
      assert.match(checked.stdout, /^New upgrade operations detected \(2\):\n {2}add table legacy_log\n {2}add table users/m)
      const made = await cli([
        'migrate',
        '--offline',
        '-m',
        'first',
        '-d',
        p.directory,
        '--url',
        `sqlite:///${join(p.root, 'never-made.db')}`,
      ])
      assert.equal(made.status, 0, made.stderr)
      assert.match(made.stderr, /Generating .*_first\.ts \.\.\. done/)
      const again = await cli(['check', '--offline', '-d', p.directory, '--url', `sqlite:///${join(p.root, 'never-made.db')}`])
      assert.equal(again.stdout.trim(), 'No new upgrade operations detected.', again.stderr)
      assert.equal(existsSync(join(p.root, 'never-made.db')), false)
    } finally {
      p.cleanup()
    }
  })

  test('check --offline exits 2 when it cannot compare', async () => {
    const p = project('mysql://root@127.0.0.1:1/never')
    try {
      writeFileSync(join(p.root, 'models.ts'), renderModels(BEFORE))
      const result = await cli(['check', '--offline', '-d', p.directory, '--url', 'mysql://root@127.0.0.1:1/never'])
      assertCleanError(result, { status: 2 }, 'mysql has none built in: set shadowUrl')
    } finally {
      p.cleanup()
    }
  })
})
