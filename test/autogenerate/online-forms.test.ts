// On PostgreSQL, migrate writes changes to tables already in use in the
// forms that do not block them, so the lint rules have nothing to say about
// what autogenerate wrote; safeOperations: false keeps the plain forms.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { assertGolden } from '../helpers/golden.js'
import { firstRevisionProject } from './first-project.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-online-forms-'))
after(() => rmSync(work, { recursive: true, force: true }))
const GOLDEN = fileURLToPath(new URL('./golden', import.meta.url))

const FIRST = [
  "import { t } from 'athanor'",
  "export const revision = 'aa01'",
  'export const downRevision = null',
  'export async function upgrade(op: any) {',
  "  await op.createTable('teams', [{ name: 'id', type: 'integer', primaryKey: true }])",
  "  await op.createTable('accounts', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'email', type: t.string(100) }, " +
    "{ name: 'team_id', type: 'integer' }])",
  "  await op.createIndex('ix_accounts_team_id', 'accounts', ['team_id'])",
  '}',
  'export async function downgrade(op: any) {}',
  '',
].join('\n')

const MODELS = [
  "import { check, col, defineModels, index, table } from 'athanor'",
  "export const teams = table('teams', { id: col.integer().primaryKey() })",
  "export const accounts = table('accounts', {",
  '  id: col.integer().primaryKey(),',
  '  email: col.string(100).notNull(),',
  "  team_id: col.integer().references('teams'),",
  "}, { indexes: [index(['email'], { name: 'ix_accounts_email' })], checks: [check('ck_accounts_email', \"email <> ''\")] })",
  'export default defineModels(teams, accounts)',
  '',
].join('\n')

/** The text of the script migrate wrote (revision bb02), without what changes from run to run: the create date. */
function scriptText(migrations: string): string {
  const versions = join(migrations, 'versions')
  const name = readdirSync(versions).find((file) => file.startsWith('bb02_')) ?? 'bb02 not written'
  return readFileSync(join(versions, name), 'utf8').replace(/^( \* Create Date: ).*$/m, '$1…')
}

const project = (name: string, config: string) => firstRevisionProject(work, name, { first: FIRST, models: MODELS, config })

describe('postgresql: autogenerate in the lock-free forms', () => {
  const db = useTestDatabase('postgresql')

  test('indexes CONCURRENTLY, constraints NOT VALID then validated, NOT NULL through a check; lint, upgrade and check clean', async () => {
    const migrations = project('safe', "ddlLockTimeout: '2s', statementTimeout: '1m'")
    const base = ['-d', migrations, '--url', db.url]
    await cliOk(['upgrade', ...base])
    await db.query("INSERT INTO teams VALUES (1); INSERT INTO accounts VALUES (1, 'a@example.com', 1)")
    const written = await cliOk(['migrate', '-m', 'tighten accounts', '--rev-id', 'bb02', ...base])
    assertGolden(GOLDEN, 'postgresql-online-forms.txt', scriptText(migrations))
    assert.doesNotMatch(written.stdout + written.stderr, /warning|error/i)

    const lint = await cli(['lint', ...base, '--format', 'json', '--fail-on', 'warning'])
    assert.equal(lint.status, 0, lint.stdout)
    assert.deepEqual(JSON.parse(lint.stdout).findings, [])
    await cliOk(['upgrade', ...base])
    const check = await cli(['check', ...base])
    assert.equal(check.status, 0, check.stdout + check.stderr)
    const constraints = await db.query(
      "SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype IN ('c', 'f') ORDER BY 1",
    )
    assert.deepEqual(
      constraints.map((row) => [row['conname'], row['convalidated']]),
      [
        ['ck_accounts_email', true],
        ['fk_accounts_team_id_teams', true],
      ],
    )
  })

  test('safeOperations: false writes the plain forms in a transactional script', async () => {
    await db.query('DROP TABLE IF EXISTS accounts, teams, athanor_version, athanor_version_history CASCADE')
    const migrations = project('plain', 'safeOperations: false')
    const base = ['-d', migrations, '--url', db.url]
    await cliOk(['upgrade', ...base])
    await cliOk(['migrate', '-m', 'tighten accounts', '--rev-id', 'bb02', ...base])
    const text = scriptText(migrations)
    assert.doesNotMatch(text, /transactional|concurrently|notValid|validateConstraint|safe: true/)
    assert.match(text, /op\.createIndex\('ix_accounts_email', 'accounts', \['email'\]\)/)
    await cliOk(['upgrade', ...base])
  })

  test('an index on a partitioned table is written plain: PostgreSQL builds none CONCURRENTLY there', async () => {
    await db.query('DROP TABLE IF EXISTS accounts, teams, athanor_version, athanor_version_history CASCADE')
    const migrations = project('partitioned', "ddlLockTimeout: '2s', statementTimeout: '1m'")
    rmSync(join(migrations, 'versions', 'aa01_first.ts'))
    const base = ['-d', migrations, '--url', db.url]
    const partitioned = (indexes: string) =>
      [
        "import { col, defineModels, index, partition, table } from 'athanor'",
        "export const readings = table('readings', { at: col.date().notNull(), city: col.integer() }, {",
        `  postgresql: { partitionBy: 'RANGE (at)' },${indexes}`,
        '})',
        "export const rest = partition('readings_rest', 'readings', 'DEFAULT')",
        'export default defineModels(readings, rest)',
        '',
      ].join('\n')
    writeFileSync(join(work, 'partitioned', 'models.ts'), partitioned(''))
    await cliOk(['migrate', '-m', 'readings', '--rev-id', 'bb01', ...base])
    await cliOk(['upgrade', ...base])
    writeFileSync(join(work, 'partitioned', 'models.ts'), partitioned(" indexes: [index(['city'], { name: 'ix_readings_city' })],"))
    await cliOk(['migrate', '-m', 'index readings', '--rev-id', 'bb02', ...base])
    const text = scriptText(migrations)
    assert.doesNotMatch(text, /transactional|concurrently/)
    await cliOk(['upgrade', ...base])
    await cliOk(['check', ...base])
  })
})
