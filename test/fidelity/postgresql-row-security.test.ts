// Row level security (ENABLE, FORCE) and a table's policies are postgresql
// table options: pulled, made with the table (the policies once every table
// of the migration is there), compared, and changed by operations the
// downgrade undoes. Before, both were listed as not represented, and a
// table rebuilt from pulled models let every row through.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { useWorkspace } from '../adoption/workspace.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import type { Policy } from '../../src/schema/policy.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE TABLE members (org integer, who text)',
  'CREATE TABLE docs (id integer PRIMARY KEY, owner text NOT NULL, org integer)',
  'ALTER TABLE docs ENABLE ROW LEVEL SECURITY',
  'ALTER TABLE docs FORCE ROW LEVEL SECURITY',
  'CREATE POLICY readers ON docs FOR SELECT TO pg_monitor USING (owner = current_user)',
  'CREATE POLICY writers ON docs FOR INSERT WITH CHECK (owner = current_user)',
  'CREATE POLICY in_org ON docs AS RESTRICTIVE USING (EXISTS (SELECT 1 FROM members m WHERE m.org = docs.org)) ' +
    'WITH CHECK (org IS NOT NULL)',
  'CREATE TABLE notes (id integer PRIMARY KEY)',
  'ALTER TABLE notes FORCE ROW LEVEL SECURITY',
  'CREATE POLICY positive ON notes FOR INSERT WITH CHECK (id > 0)',
  'CREATE TABLE open_items (id integer PRIMARY KEY)',
]

async function rowSecurity(db: TestDatabase): Promise<unknown[]> {
  return db.query(
    `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
     WHERE relname IN ('docs', 'notes', 'open_items') ORDER BY 1`,
  )
}

async function policies(db: TestDatabase): Promise<unknown[]> {
  return db.query('SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check FROM pg_policies ORDER BY 1, 2')
}

/** Runs `statements` as a role that is no superuser (superusers pass through row security), made and gone in one transaction. */
async function asProbeRole(db: TestDatabase, statements: (run: (sql: string) => Promise<unknown>) => Promise<void>): Promise<void> {
  const connection = await db.connect()
  const run = (sql: string) => connection.execute({ sql })
  try {
    await run('BEGIN')
    await run('CREATE ROLE athanor_rls_probe')
    await run('GRANT SELECT, INSERT ON docs, open_items, members TO athanor_rls_probe')
    await run('SET LOCAL ROLE athanor_rls_probe')
    await statements(run)
  } finally {
    await run('ROLLBACK')
    await connection.close()
  }
}

describe('postgresql: a policy the models only name anew', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE docs (id integer PRIMARY KEY, owner text NOT NULL, org integer)',
    'ALTER TABLE docs ENABLE ROW LEVEL SECURITY',
    'CREATE POLICY writers ON docs FOR INSERT WITH CHECK (owner = current_user)',
    // The probe role is granted these too.
    'CREATE TABLE members (org integer, who text)',
    'CREATE TABLE open_items (id integer PRIMARY KEY)',
  ])

  test('is renamed in place by upgrade, still holding rows back, and named back by the downgrade', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    const before = await policies(rebuilt)
    const oid = async () => rebuilt.query("SELECT oid::text AS oid FROM pg_policy WHERE polrelid = 'docs'::regclass")
    const made = await oid()
    writeFileSync(ws.models, models.replace("policy('writers'", "policy('docs_writers'"))
    await cliOk([...ws.base, 'migrate', '-m', 'names'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_names.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /await op\.renamePolicy\('docs', 'writers', 'docs_writers'\)/)
    assert.doesNotMatch(script, /Policy\('writers'|dropPolicy|createPolicy/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(
      (await policies(rebuilt)).map((row) => (row as { policyname: string }).policyname),
      ['docs_writers'],
    )
    assert.deepEqual(await oid(), made, 'the policy was made again, not renamed')
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    await asProbeRole(rebuilt, async (run) => {
      await assert.rejects(run("INSERT INTO docs VALUES (2, 'someone else', 7)"), /row-level security/)
    })
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await policies(rebuilt), before)
  })
})

describe('postgresql: row level security and policies pulled and migrated', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('are kept, and the rebuilt table takes only the rows its policies let through', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /rowLevelSecurity: true,\n\s+forceRowLevelSecurity: true,/)
    assert.match(models, /policy\('writers', \{ for: 'insert', withCheck: '\(owner = CURRENT_USER\)' \}\)/)
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rowSecurity(rebuilt), await rowSecurity(source))
    assert.equal((await policies(rebuilt)).length, 4)
    assert.deepEqual(await policies(rebuilt), await policies(source))
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    await asProbeRole(rebuilt, async (run) => {
      await run('INSERT INTO open_items VALUES (1)')
      await run("INSERT INTO docs VALUES (1, 'athanor_rls_probe', 7)")
      await run('SAVEPOINT s')
      await assert.rejects(run("INSERT INTO docs VALUES (2, 'someone else', 7)"), /row-level security/)
      await run('ROLLBACK TO s')
      await assert.rejects(run("INSERT INTO docs VALUES (3, 'athanor_rls_probe', NULL)"), /row-level security/)
    })
  })

  test('the same conditions written by hand compare equal; a change is a drop and a create, undone by the downgrade', async () => {
    const { source, rebuilt, ws } = project()
    const pulled = readFileSync(ws.models, 'utf8')
    const byHand = pulled.replace("withCheck: '(owner = CURRENT_USER)'", "withCheck: 'owner = current_user'")
    assert.notEqual(byHand, pulled)
    writeFileSync(ws.models, byHand)
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    writeFileSync(
      ws.models,
      byHand
        .replace("withCheck: 'owner = current_user'", "withCheck: 'owner = session_user'")
        .replace(/\n\s+policy\('positive'[^\n]*/, '')
        .replace('rowLevelSecurity: true,\n    forceRowLevelSecurity: true,', 'rowLevelSecurity: true,')
        .replace('forceRowLevelSecurity: true,', 'rowLevelSecurity: true,\n    forceRowLevelSecurity: true,'),
    )
    const planned = await cli([...ws.base, 'check'])
    assert.equal(planned.status, 1)
    for (const change of [
      'remove policy writers on docs',
      'remove policy positive on notes',
      'add policy writers on docs',
      'unforce row level security on docs',
      'enable row level security on notes',
    ]) {
      assert.ok(planned.stdout.includes(change), `${change} in\n${planned.stdout}`)
    }
    await cliOk([...ws.base, 'migrate', '-m', 'row security'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(
      (await policies(rebuilt)).map((row) => (row as { policyname: string }).policyname),
      ['in_org', 'readers', 'writers'],
    )
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rowSecurity(rebuilt), await rowSecurity(source))
    assert.deepEqual(await policies(rebuilt), await policies(source))
  })

  test('a policy PostgreSQL would refuse fails at migrate, naming it and its table', async () => {
    const { ws } = project()
    await cliOk([...ws.base, 'upgrade'])
    writeFileSync(
      ws.models,
      readFileSync(ws.models, 'utf8').replace(
        "policy('readers', { for: 'select',",
        "policy('readers', { for: 'select', withCheck: 'true',",
      ),
    )
    const scripts = readdirSync(join(ws.directory, 'versions')).length
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, 'readers', '"docs"', 'withCheck')
    assert.equal(readdirSync(join(ws.directory, 'versions')).length, scripts)
  })
})

describe('row security operations', () => {
  const rls = { kind: 'set_row_level_security', table: 'docs', schema: 'app', enabled: true, forced: false } as const
  const own: Policy = { name: 'own', for: 'update', to: ['app_user', 'public'], using: 'owner = current_user', withCheck: 'true' }

  test('setRowLevelSecurity is one ALTER TABLE per flag given, reversed flag by flag', () => {
    assert.deepEqual(postgresCompiler.compileSql(rls, 'offline'), [
      { sql: 'ALTER TABLE "app"."docs" ENABLE ROW LEVEL SECURITY' },
      { sql: 'ALTER TABLE "app"."docs" NO FORCE ROW LEVEL SECURITY' },
    ])
    assert.deepEqual(reverseOperation(rls), { ...rls, enabled: false, forced: true })
    assert.deepEqual(postgresCompiler.compileSql({ kind: 'set_row_level_security', table: 'docs' }, 'offline'), [])
  })

  test('createPolicy writes every clause, quoting role names but not PUBLIC; dropPolicy reverses to it', () => {
    const create = { kind: 'create_policy', table: 'docs', policy: own } as const
    assert.deepEqual(postgresCompiler.compileSql(create, 'offline'), [
      {
        sql:
          'CREATE POLICY "own" ON "docs" AS PERMISSIVE FOR UPDATE TO "app_user", PUBLIC ' +
          'USING (owner = current_user) WITH CHECK (true)',
      },
    ])
    const drop = reverseOperation(create)
    assert.deepEqual(drop, { kind: 'drop_policy', table: 'docs', name: 'own', existing: own })
    assert.deepEqual(postgresCompiler.compileSql(drop, 'offline'), [{ sql: 'DROP POLICY "own" ON "docs"' }])
    assert.deepEqual(reverseOperation(drop), create)
  })

  test('what PostgreSQL would refuse, or keep otherwise than written, is refused, naming the policy and table', () => {
    for (const [policy, word] of [
      [{ name: 'p', for: 'select', withCheck: 'true' }, 'withCheck'],
      [{ name: 'p', for: 'delete', withCheck: 'true' }, 'withCheck'],
      [{ name: 'p', for: 'insert', using: 'true' }, 'using'],
      [{ name: 'p', for: 'truncate' as 'all' }, 'truncate'],
      // Kept as the role that made it: a check would never be clean.
      [{ name: 'p', to: ['app', 'CURRENT_USER'] }, 'CURRENT_USER'],
      [{ name: 'p', to: ['session_user'] }, 'session_user'],
    ] as const) {
      assert.throws(
        () => postgresCompiler.compileSql({ kind: 'create_policy', table: 'docs', policy }, 'offline'),
        (error: unknown) => isAthanorError(error, 'INVALID_MODEL') && error.message.includes('"docs"') && error.message.includes(word),
      )
    }
  })

  test('a table made by createTable, or by a downgrade, gets its exclusions and policies; autogenerate makes them apart', async () => {
    const exclusion = { name: 'no_overlap', definition: 'EXCLUDE USING gist (during WITH &&)' }
    const table = {
      name: 'docs',
      columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }],
      postgresql: { rowLevelSecurity: true, exclusions: [exclusion], policies: [own] },
    } as const
    const sql = postgresCompiler.compileSql({ kind: 'create_table', table }, 'offline').map((statement) => statement.sql)
    assert.deepEqual(sql.slice(1), [
      'ALTER TABLE "docs" ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE "docs" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist (during WITH &&)',
      'CREATE POLICY "own" ON "docs" AS PERMISSIVE FOR UPDATE TO "app_user", PUBLIC ' + 'USING (owner = current_user) WITH CHECK (true)',
    ])
    const ops = await autogenerate([], [table], { hooks: diffHooksFor('postgresql') })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['create_table', 'create_exclusion', 'create_policy'],
    )
    const [created] = ops
    assert.ok(created?.kind === 'create_table' && created.table.postgresql?.policies === undefined)
  })

  test('are refused on other dialects, naming the operation', () => {
    for (const op of [rls, { kind: 'create_policy', table: 'docs', policy: own } as const]) {
      assert.throws(
        () => sqliteCompiler.compileSql(op, 'offline'),
        (error: unknown) => isAthanorError(error, 'UNSUPPORTED_OPERATION') && error.message.includes(op.kind),
      )
    }
  })
})

for (const dialect of ['sqlite', 'mysql'] as const) {
  describe(`${dialect}: models shared with PostgreSQL`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('leave row security, replica identity, exclusions and policies aside: migrate, upgrade and check are clean', async () => {
      writeFileSync(
        ws.models,
        "import { col, defineModels, policy, table } from 'athanor'\n" +
          "export const docs = table('docs', { id: col.integer().primaryKey(), code: col.string(20).notNull() }, {\n" +
          "  postgresql: { rowLevelSecurity: true, replicaIdentity: 'full', policies: [policy('own', { using: 'true' })],\n" +
          "    exclusions: [{ name: 'x', definition: 'EXCLUDE USING gist (code WITH =)' }] },\n" +
          '})\nexport default defineModels(docs)\n',
      )
      await cliOk([...ws.base, 'migrate', '-m', 'shared'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    })
  })
}
