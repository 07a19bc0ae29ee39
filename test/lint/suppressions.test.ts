import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { lintProject } from '../../src/lint/lint-project.js'
import { assertCleanError, cli } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'
import { BASE_TABLES, dialectUrl, lintProjects } from './lint-project.js'

const lint = lintProjects()
const projects = temporaryProjects()
const codes = (findings: readonly { code: string }[]) => findings.map((finding) => finding.code)

describe('suppressions in a script', () => {
  test('a comment above the op silences its codes there only, and findings name the line of the op (TypeScript, compiled)', async () => {
    const { report } = await lint('sqlite', {
      ext: 'ts',
      upgrade: [
        '  // athanor-lint-ignore drop-column: nothing reads age since release 4.2',
        "  await op.dropColumn('users', 'age')",
        "  await op.dropColumn('orders', 'user_id')",
      ].join('\n'),
    })
    const drops = report.findings.filter((finding) => finding.code === 'drop-column')
    assert.equal(drops.length, 1)
    const lines = readFileSync(drops[0]!.file, 'utf8').split('\n')
    assert.match(lines[drops[0]!.line - 1]!, /op\.dropColumn\('orders', 'user_id'\)/)
  })

  test('several codes in one comment, and comments stacked above one op', async () => {
    const { report } = await lint('postgresql', {
      upgrade: [
        '  // athanor-lint-ignore missing-lock-timeout, missing-statement-timeout: set by the deploy job',
        '  // athanor-lint-ignore drop-column: unused since 4.2',
        "  await op.dropColumn('users', 'age')",
      ].join('\n'),
    })
    assert.deepEqual(codes(report.findings), [])
  })

  test('a suppression without a reason still silences, but is itself an error finding on its line', async () => {
    const { report } = await lint('sqlite', {
      upgrade: ['  // athanor-lint-ignore drop-column', "  await op.dropColumn('users', 'age')"].join('\n'),
    })
    assert.deepEqual(codes(report.findings), ['lint-ignore-without-reason'])
    const [finding] = report.findings
    assert.equal(finding?.severity, 'error')
    assert.match(readFileSync(finding!.file, 'utf8').split('\n')[finding!.line - 1]!, /athanor-lint-ignore drop-column$/)
  })

  test('a suppression of a code no rule has is a warning', async () => {
    const { report } = await lint('sqlite', {
      upgrade: ['  // athanor-lint-ignore drop-colum: typo', "  await op.dropColumn('users', 'age')"].join('\n'),
    })
    assert.deepEqual(codes(report.findings).sort(), ['drop-column', 'lint-ignore-unknown-code'])
  })

  test('export const lintIgnore silences a code in the whole script; an empty reason is a finding', async () => {
    const silenced = await lint('sqlite', {
      upgrade: "  await op.dropColumn('users', 'age')\n  await op.dropColumn('orders', 'user_id')",
      extra: "export const lintIgnore = { 'drop-column': 'both columns were never read' }",
    })
    assert.deepEqual(codes(silenced.report.findings), [])
    const unexplained = await lint('sqlite', {
      upgrade: "  await op.dropColumn('users', 'age')",
      extra: "export const lintIgnore = { 'drop-column': ' ' }",
    })
    assert.deepEqual(codes(unexplained.report.findings), ['lint-ignore-without-reason'])
  })
})

describe('lint settings in the config', () => {
  const withConfig = async (config: string) => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: BASE_TABLES, downgrade: '' },
      {
        id: 'r2',
        down: 'r1',
        ext: 'js',
        upgrade: "  await op.dropColumn('users', 'age')\n  await op.renameTable('orders', 'purchases')",
        downgrade: '',
      },
    ])
    project.config(`export default ${config}\n`)
    return project
  }

  test("rules: a code set to 'error', 'warning' or 'off' changes its severity or silences it", async () => {
    const project = await withConfig("{ lint: { rules: { 'drop-column': 'error', 'rename-table': 'off' } } }")
    const report = await lintProject({ directory: project.migrations, url: dialectUrl('sqlite', project), range: 'r1:heads' })
    assert.deepEqual(
      report.findings.map((finding) => `${finding.code} ${finding.severity}`),
      ['drop-column error'],
    )
  })

  test('a rule code the config names that no rule has stops lint with one line', async () => {
    const project = await withConfig("{ lint: { rules: { 'drop-colum': 'off' } } }")
    assertCleanError(await cli(['lint', ...project.base]), { code: 'INVALID_CONFIG' }, "'drop-colum'")
  })

  test('a setting that is not off, warning or error is refused when the config loads', async () => {
    const project = await withConfig("{ lint: { rules: { 'drop-column': 'loud' } } }")
    assertCleanError(
      await cli(['lint', ...project.base]),
      { code: 'INVALID_CONFIG' },
      "lint.rules['drop-column'] must be 'off', 'warning' or 'error'",
    )
    const upgrade = await withConfig("{ lint: { onUpgrade: 'yes' } }")
    assertCleanError(await cli(['lint', ...upgrade.base]), { code: 'INVALID_CONFIG' }, "lint.onUpgrade must be 'warn', 'error' or 'off'")
  })

  test('serverVersion picks the rules of that version', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: BASE_TABLES, downgrade: '' },
      {
        id: 'r2',
        down: 'r1',
        ext: 'js',
        upgrade: "  await op.addColumn('users', { name: 'plan', type: 'text', serverDefault: 'free' })",
        downgrade: '',
      },
    ])
    const url = dialectUrl('postgresql', project)
    const lintAt = async (config: string) => {
      project.config(`export default ${config}\n`)
      return codes((await lintProject({ directory: project.migrations, url, offline: true, range: 'r1:heads' })).findings)
    }
    assert.ok((await lintAt("{ serverVersion: '10.6' }")).includes('volatile-default'))
    assert.ok(!(await lintAt("{ serverVersion: '11.0' }")).includes('volatile-default'))
  })
})
