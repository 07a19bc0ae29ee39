import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { portableChain } from './helpers.js'

const projects = temporaryProjects()
const PASSWORD = 'pw-never-printed'

/** The portable chain and a fourth revision lint has something to say about on every dialect: an index on a table that exists. */
function lintedProject(tenants: string) {
  const made = projects([
    ...portableChain(),
    { id: 'dd04', down: 'cc03', upgrade: "  await op.createIndex('ix_t_aa01_id', 't_aa01', ['id'])\n  await op.dropTable('t_bb02')" },
  ])
  made.config(`export default { tenants: ${tenants} }`)
  return made
}

interface LintAllJson {
  readonly groups: {
    databases: string[]
    findings: { code: string; revision: string; rows?: number }[]
    linted: { revisions: string[] }[]
  }[]
  readonly databases: { database: string; from: string[]; status: string; steps?: number; error?: string }[]
  readonly summary: Record<string, number>
}

const parsed = (stdout: string) => JSON.parse(stdout) as LintAllJson
const groupsOf = (report: LintAllJson) => report.groups.map((group) => [group.databases, group.linted[0]!.revisions])

describe('lint --all over SQLite files', () => {
  function sqliteTenants(count: number) {
    const made = lintedProject('{}')
    const folder = join(made.root, 'tenants')
    mkdirSync(folder)
    const files = Array.from({ length: count }, (_, index) => join(folder, `tenant_${index + 1}.db`))
    const label = (index: number) => `sqlite:///${files[index - 1]}`
    made.config(`export default { tenants: { urls: [${files.map((file) => `'sqlite:///${file}'`).join(', ')}] } }`)
    return { made, files, label, base: ['-d', made.migrations] }
  }

  test('tenants at one revision are linted once together, one at base on its own; --fail-on warning exits 1', async () => {
    const { base, label, made } = sqliteTenants(3)
    for (const index of [1, 3]) await cliOk(['-d', made.migrations, '--url', label(index), 'upgrade', 'bb02'])
    const result = await cli([...base, 'lint', '--all', '--format', 'json', '--parallel', '2', '--fail-on', 'warning'])
    assert.equal(result.status, 1, result.stdout)
    const report = parsed(result.stdout)
    assert.deepEqual(groupsOf(report), [
      [
        [label(1), label(3)],
        ['cc03', 'dd04'],
      ],
      [[label(2)], ['aa01', 'bb02', 'cc03', 'dd04']],
    ])
    for (const group of report.groups)
      assert.ok(group.findings.some((finding) => finding.code === 'drop-table' && finding.revision === 'dd04'))
    assert.deepEqual(
      report.databases.map((row) => [row.database, row.from, row.status, row.steps]),
      [
        [label(1), ['bb02'], 'pending', 2],
        [label(2), [], 'pending', 4],
        [label(3), ['bb02'], 'pending', 2],
      ],
    )

    const text = await cli([...base, 'lint', '--all'])
    assert.equal(text.status, 0, 'warnings only')
    assert.match(text.stdout, new RegExp(`^== ${label(1)}, ${label(3)} \\(2 databases, from bb02\\)$`, 'm'))
    assert.match(text.stdout, new RegExp(`^== ${label(2)} \\(1 database, from base\\)$`, 'm'))
    assert.match(text.stdout, /^\S*dd04_\S+\.ts:16 warning drop-table \(revision dd04/m)
    assert.match(text.stdout, new RegExp(`^${label(2)} +base +dd04 +pending `, 'm'))
    assert.match(text.stderr, /^3 databases: 3 pending\.$/m)
  })

  test('a group of many tenants is headed by the first five; the table names every one', async () => {
    const { base, label } = sqliteTenants(7)
    const result = await cli([...base, 'lint', '--all'])
    const first = [1, 2, 3, 4, 5].map(label).join(', ')
    assert.ok(result.stdout.includes(`== ${first} and 2 more (7 databases, from base)\n`), result.stdout)
    assert.match(result.stdout, new RegExp(`^${label(7)} +base +dd04 +pending `, 'm'))
  })

  test('tenants with nothing pending have nothing to lint, and exit 0', async () => {
    const { base } = sqliteTenants(2)
    await cliOk([...base, 'upgrade', '--all'])
    const result = await cliOk([...base, 'lint', '--all', '--json'])
    const report = parsed(result.stdout)
    assert.deepEqual(report.groups, [])
    assert.deepEqual(report.summary, { 'up to date': 2 })
  })

  test('a tenant that cannot be read fails alone; the others are still linted, and the command fails naming it', async () => {
    const { base, files, label } = sqliteTenants(2)
    writeFileSync(files[1]!, 'not a database at all, just text that is long enough to have a header')
    const result = await cli([...base, 'lint', '--all', '--format', 'json', '--on-error', 'continue'])
    assertCleanError(result, { code: 'TENANTS_FAILED' }, '1 of 2 databases failed', label(2))
    const report = parsed(result.stdout)
    assert.deepEqual(groupsOf(report), [[[label(1)], ['aa01', 'bb02', 'cc03', 'dd04']]])
    assert.equal(report.databases[1]!.status, 'failed')
  })

  test('--all goes with text and json only, and not with --offline', async () => {
    const { base } = sqliteTenants(1)
    assertCleanError(await cli([...base, 'lint', '--all', '--format', 'sarif']), { code: 'INVALID_OPTION' }, "not 'sarif'")
    assertCleanError(await cli([...base, 'lint', '--all', '--offline']), { code: 'INVALID_OPTION' }, '--offline')
  })
})

describe('lint --all over the schemas of one PostgreSQL database', () => {
  const db = useTestDatabase('postgresql')
  const url = () => db.url.replace('postgres@', `postgres:${PASSWORD}@`)

  test('schemas at one revision share a group, ranked by the most rows any of them holds; the password is never printed', async () => {
    for (const schema of ['lint_a', 'lint_b', 'lint_c']) await db.query(`CREATE SCHEMA ${schema}`)
    const made = lintedProject(`{ pattern: 'lint\\\\_%', url: '${url()}' }`)
    const base = ['-d', made.migrations]
    await cliOk([...base, 'upgrade', '--all', 'cc03'])
    await db.query('INSERT INTO lint_b.t_aa01 SELECT generate_series(1, 500)')
    await db.query('ANALYZE lint_b.t_aa01')
    await db.query('CREATE SCHEMA lint_d')
    const result = await cli([...base, 'lint', '--all', '--json', '--parallel', '3'])
    assert.equal(result.status, 1, result.stderr)
    const report = parsed(result.stdout)
    assert.deepEqual(groupsOf(report), [
      [['lint_a', 'lint_b', 'lint_c'], ['dd04']],
      [['lint_d'], ['aa01', 'bb02', 'cc03', 'dd04']],
    ])
    const index = report.groups[0]!.findings.find((finding) => finding.code === 'create-index-blocking')
    assert.equal(index?.rows, 500)
    assert.ok(!`${result.stdout}${result.stderr}`.includes(PASSWORD))
  })
})
