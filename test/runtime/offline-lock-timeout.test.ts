// The offline script (`upgrade --sql`, `downgrade --sql`) sets the lock
// timeout a live run sets, where the live run sets it: on PostgreSQL
// athanor's 2 s default only where the session has none of its own, lifted
// around a migration outside a transaction; the user's ddlLockTimeout as
// given; nothing under ddlLockTimeout 0. `athanor lint` judges the same
// migrations as the script bounds them.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { lintProject } from '../../src/lint/lint-project.js'
import { cliOk } from '../helpers/cli.js'
import { type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'

const projects = temporaryProjects()

// `--sql` connects to nothing: the URL only picks the dialect.
const URLS = { postgresql: 'postgresql://app@127.0.0.1:1/app', mysql: 'mysql://app@127.0.0.1:1/app' } as const

const TABLE = "  await op.createTable('accounts', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'integer' }])"
const COLUMN = "  await op.addColumn('accounts', { name: 'b', type: 'integer' })"

function revisions(r2: Partial<RevisionDef>): RevisionDef[] {
  return [
    { id: 'r1', down: null, ext: 'js', message: 'accounts', upgrade: TABLE, downgrade: "  await op.dropTable('accounts')" },
    { id: 'r2', down: 'r1', ext: 'js', message: 'index', upgrade: COLUMN, downgrade: "  await op.dropColumn('accounts', 'b')", ...r2 },
    { id: 'r3', down: 'r2', ext: 'js', message: 'more', upgrade: "  await op.execute('SELECT 1')", downgrade: '' },
  ]
}

const CONCURRENT: Partial<RevisionDef> = {
  upgrade: "  await op.createIndex('ix_a', 'accounts', ['a'], { concurrently: true })",
  downgrade: "  await op.dropIndex('ix_a', { table: 'accounts', concurrently: true })",
  extra: 'export const transactional = false',
}

function project(r2: Partial<RevisionDef> = {}, config?: string): Project {
  const made = projects(revisions(r2))
  if (config !== undefined) made.config(`export default { ${config} }\n`)
  return made
}

async function script(made: Project, url: string, ...args: string[]): Promise<string> {
  return (await cliOk(['-d', made.migrations, '--url', url, ...args])).stdout
}

/** A DO block as the script writes it: `body` run where `condition` holds. */
function doIf(condition: string, body: readonly string[]): string {
  return ['DO $$', 'BEGIN', `  IF ${condition} THEN`, ...body.map((line) => `    ${line}`), '  END IF;', 'END', '$$;', '', ''].join('\n')
}

const DEFAULT_LOCK_TIMEOUT =
  "-- ddlLockTimeout: athanor's default lock timeout (2 s), where the session has none of its own\n\n" +
  doIf("current_setting('lock_timeout') = '0'", [
    "PERFORM set_config('lock_timeout', '2000', false);",
    "PERFORM set_config('athanor.lock_timeout', 'default', false);",
  ])

/** The default set again (`2000`) or lifted (`0`), only where the opening set it. */
const defaultAgain = (ms: number) =>
  doIf("current_setting('athanor.lock_timeout', true) = 'default'", [`PERFORM set_config('lock_timeout', '${ms}', false);`])

describe('offline --sql sets the lock timeout a live run sets', () => {
  test('PostgreSQL: the 2 s default where the session has none, lifted around a migration outside a transaction', async () => {
    const up = await script(project(CONCURRENT), URLS.postgresql, 'upgrade', '--sql')
    assert.equal(
      up,
      DEFAULT_LOCK_TIMEOUT +
        'BEGIN;\n\n' +
        'CREATE TABLE "athanor_version" ("version_num" VARCHAR(32) NOT NULL, ' +
        'CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));\n\n' +
        'COMMIT;\n\n' +
        'BEGIN;\n\n' +
        '-- Running upgrade  -> r1, accounts\n\n' +
        'CREATE TABLE "accounts" (\n  "id" INTEGER NOT NULL,\n  "a" INTEGER,\n  PRIMARY KEY ("id")\n);\n\n' +
        'INSERT INTO "athanor_version" ("version_num") VALUES (\'r1\');\n\n' +
        'COMMIT;\n\n' +
        "-- outside a transaction: without athanor's default lock timeout, as a live run\n\n" +
        defaultAgain(0) +
        '-- Running upgrade r1 -> r2, index\n\n' +
        'CREATE INDEX CONCURRENTLY "ix_a" ON "accounts" ("a");\n\n' +
        defaultAgain(2000) +
        'UPDATE "athanor_version" SET "version_num" = \'r2\' WHERE "version_num" = \'r1\';\n\n' +
        'BEGIN;\n\n' +
        '-- Running upgrade r2 -> r3, more\n\n' +
        'SELECT 1;\n\n' +
        'UPDATE "athanor_version" SET "version_num" = \'r3\' WHERE "version_num" = \'r2\';\n\n' +
        'COMMIT;\n\n',
    )
  })

  test('PostgreSQL downgrade --sql: the same opening and the same lift', async () => {
    const down = await script(project(CONCURRENT), URLS.postgresql, 'downgrade', '--sql', 'head:base')
    assert.ok(down.startsWith(DEFAULT_LOCK_TIMEOUT), down)
    const lifted = down.indexOf(defaultAgain(0))
    assert.ok(lifted > 0 && down.indexOf('DROP INDEX CONCURRENTLY "ix_a"') > lifted, down)
    assert.ok(down.indexOf(defaultAgain(2000)) > down.indexOf('DROP INDEX CONCURRENTLY "ix_a"'), down)
  })

  test("PostgreSQL: the user's ddlLockTimeout holds for every migration, the flag over the config", async () => {
    const made = project(CONCURRENT, "ddlLockTimeout: '5s'")
    const fromConfig = await script(made, URLS.postgresql, 'upgrade', '--sql')
    assert.ok(fromConfig.startsWith('-- ddlLockTimeout: 5 s\n\nSET lock_timeout = 5000;\n\nBEGIN;\n\n'), fromConfig)
    assert.ok(!fromConfig.includes('athanor.lock_timeout'), 'a timeout the user set is not lifted outside a transaction')
    const fromFlag = await script(made, URLS.postgresql, 'upgrade', '--sql', '--ddl-lock-timeout', '750ms')
    assert.ok(fromFlag.startsWith('-- ddlLockTimeout: 750 ms\n\nSET lock_timeout = 750;\n\nBEGIN;\n\n'), fromFlag)
  })

  test('PostgreSQL: ddlLockTimeout 0 writes no lock timeout at all', async () => {
    for (const [config, flag] of [
      ['ddlLockTimeout: 0', []],
      [undefined, ['--ddl-lock-timeout', '0']],
    ] as const) {
      const out = await script(project(CONCURRENT, config), URLS.postgresql, 'upgrade', '--sql', ...flag)
      assert.ok(out.startsWith('BEGIN;\n\n'), out)
      assert.doesNotMatch(out, /lock_timeout/)
    }
  })

  test('MySQL/MariaDB: no default; ddlLockTimeout as lock_wait_timeout and innodb_lock_wait_timeout, in whole seconds', async () => {
    const none = await script(project(), URLS.mysql, 'upgrade', '--sql')
    assert.doesNotMatch(none, /lock_wait_timeout/)
    const set = await script(project({}, "ddlLockTimeout: '1500ms'"), URLS.mysql, 'upgrade', '--sql')
    const opening = '-- ddlLockTimeout: 1.5 s\n\nSET SESSION lock_wait_timeout = 2, innodb_lock_wait_timeout = 2;\n\n'
    // After the session settings every script opens with, before its first statement.
    assert.match(set, /^SET NAMES utf8mb4;\n\n(?:SET .*;\n\n)*-- ddlLockTimeout/)
    assert.ok(set.includes(opening) && set.indexOf(opening) < set.indexOf('CREATE TABLE'), set)
    const down = await script(project(), URLS.mysql, 'downgrade', '--sql', 'head:base', '--ddl-lock-timeout', '3')
    assert.ok(down.includes('SET SESSION lock_wait_timeout = 3, innodb_lock_wait_timeout = 3;\n\n'), down)
  })

  test('SQLite: the busy timeout is a PRAGMA, written when ddlLockTimeout is set; its 10 s default is the driver option', async () => {
    const made = project()
    assert.doesNotMatch(await script(made, made.url, 'upgrade', '--sql'), /busy_timeout/)
    const set = await script(made, made.url, 'upgrade', '--sql', '--ddl-lock-timeout', '3s')
    assert.ok(set.startsWith('-- ddlLockTimeout: 3 s\n\nPRAGMA busy_timeout = 3000;\n\nBEGIN;\n\n'), set)
  })
})

/**
 * Whether the statements before `revision`'s note leave a lock timeout set:
 * the last value the script gives lock_timeout there is not 0.
 */
function boundedAt(text: string, revision: string): boolean {
  const before = text.slice(0, text.indexOf(`-> ${revision},`))
  const values = [...before.matchAll(/SET lock_timeout = (\d+)|set_config\('lock_timeout', '(\d+)'/g)].map((m) => Number(m[1] ?? m[2]))
  return (values.at(-1) ?? 0) > 0
}

describe('lint judges missing-lock-timeout as the offline script bounds the migration', () => {
  const cases = [
    { config: undefined, outside: false, bounded: true },
    { config: undefined, outside: true, bounded: false },
    { config: "ddlLockTimeout: '5s'", outside: false, bounded: true },
    { config: "ddlLockTimeout: '5s'", outside: true, bounded: true },
    { config: 'ddlLockTimeout: 0', outside: false, bounded: false },
    { config: 'ddlLockTimeout: 0', outside: true, bounded: false },
  ]
  for (const { config, outside, bounded } of cases) {
    test(`PostgreSQL, ${config ?? 'no ddlLockTimeout'}, ${outside ? 'outside a transaction' : 'in a transaction'}`, async () => {
      const made = project(outside ? { extra: 'export const transactional = false' } : {}, config)
      const text = await script(made, URLS.postgresql, 'upgrade', '--sql')
      assert.equal(boundedAt(text, 'r2'), bounded, text)
      const report = await lintProject({ directory: made.migrations, url: URLS.postgresql, offline: true, range: 'r1:r2' })
      const flagged = report.findings.some((finding) => finding.code === 'missing-lock-timeout')
      assert.equal(flagged, !bounded)
    })
  }
})
