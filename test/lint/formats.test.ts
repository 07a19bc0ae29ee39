import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import { cli } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'
import { sarifProblems } from './sarif-shape.js'

/** Set ATHANOR_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change. */
const UPDATE = process.env['ATHANOR_UPDATE_GOLDEN'] === '1'
const FIXTURE = 'test/fixtures/lint/migrations'
const projects = temporaryProjects()
const golden = (name: string) => fileURLToPath(new URL(`../fixtures/lint/golden/${name}`, import.meta.url))

// Paths in reports are relative to the working directory: run from the repository root, as npm test does.
const lint = (...args: string[]) => cli(['lint', '-d', FIXTURE, '--offline', ...args])

describe('lint report formats (golden files in test/fixtures/lint/golden)', () => {
  for (const [format, file] of [
    ['text', 'text.txt'],
    ['json', 'report.json'],
    ['github', 'github.txt'],
    ['sarif', 'report.sarif'],
  ] as const) {
    test(`--format ${format}`, async () => {
      const result = await lint('--format', format)
      assert.equal(result.status, 1, result.stderr)
      if (UPDATE) writeFileSync(golden(file), result.stdout)
      assert.equal(result.stdout, readFileSync(golden(file), 'utf8'))
    })
  }

  test('the SARIF report holds the properties SARIF 2.1.0 requires, with values it allows', async () => {
    const { stdout } = await lint('--format', 'sarif')
    assert.deepEqual(sarifProblems(JSON.parse(stdout)), [])
  })

  test('the SARIF check itself catches a broken log', () => {
    const broken = {
      version: '2.0',
      runs: [{ tool: { driver: { rules: [{ id: 'x' }] } }, results: [{ ruleId: 'y', ruleIndex: 0, level: 'bad', message: {} }] }],
    }
    assert.deepEqual(
      sarifProblems(broken).map((problem) => problem.split(':')[0]),
      [
        '$.version',
        '$.runs[0].tool.driver.name',
        '$.runs[0].results[0].message.text',
        '$.runs[0].results[0].level',
        '$.runs[0].results[0].ruleIndex',
      ],
    )
  })

  test('--json is --format json', async () => {
    assert.equal((await lint('--json')).stdout, (await lint('--format', 'json')).stdout)
  })
})

describe('lint exit statuses', () => {
  test('1 on an error finding, 0 on a range with none', async () => {
    assert.equal((await lint()).status, 1)
    assert.equal((await lint('a1b2c3d4e5f6')).status, 0)
  })

  test('2 on a usage error, naming the option', async () => {
    const format = await lint('--format', 'xml')
    assert.equal(format.status, 2)
    assert.match(format.stderr, /--format must be 'text', 'json', 'github', 'sarif', not 'xml'/)
    const failOn = await lint('--fail-on', 'info')
    assert.equal(failOn.status, 2)
    assert.match(failOn.stderr, /--fail-on must be 'error', 'warning', not 'info'/)
  })

  test('--fail-on warning fails on a warning where the default passes', async () => {
    const project = projects([
      {
        id: 'r1',
        ext: 'js',
        upgrade: "  await op.createTable('t', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'integer' }])",
      },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.dropColumn('t', 'a')" },
    ])
    const args = ['lint', ...project.base, '--offline']
    const relaxed = await cli(args)
    assert.equal(relaxed.status, 0, relaxed.stdout)
    assert.match(relaxed.stdout, /warning drop-column/)
    assert.equal((await cli([...args, '--fail-on', 'warning'])).status, 1)
  })
})
