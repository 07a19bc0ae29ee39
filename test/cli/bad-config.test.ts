import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { chain, temporaryProjects } from '../helpers/project.js'

// A config value of the wrong type is refused when the config loads, by the
// real executable, in one line naming the file, the option and the form it
// takes; never a TypeError from deep inside a command, never silence.

const project = temporaryProjects()

interface BadValue {
  /** The option's value as written in athanor.config.ts. */
  readonly source: string
  /** What the error line must name besides the config file. */
  readonly mentions: ReadonlyArray<string | RegExp>
}

const BAD_VALUES: Readonly<Record<string, readonly BadValue[]>> = {
  url: [
    { source: 'url: 42', mentions: ['url', 'string', '42'] },
    { source: "url: ''", mentions: ['url', 'string'] },
  ],
  versionLocations: [
    { source: "versionLocations: 'x'", mentions: ['versionLocations', 'list'] },
    { source: 'versionLocations: [42]', mentions: ['versionLocations', 'list', '42'] },
    { source: 'versionLocations: []', mentions: ['versionLocations', 'list'] },
  ],
  directory: [{ source: 'directory: 7', mentions: ['directory', 'folder path', '7'] }],
  env: [{ source: "env: '.env'", mentions: ['env', 'list of strings', '".env"'] }],
  models: [{ source: 'models: 5', mentions: ['models', 'string', '5'] }],
  excludeTables: [
    { source: "excludeTables: 'legacy_*'", mentions: ['excludeTables', 'list'] },
    { source: 'excludeTables: [null]', mentions: ['excludeTables', 'list', 'null'] },
  ],
  versionTable: [{ source: 'versionTable: 7', mentions: ['versionTable', 'identifier', '7'] }],
  historyTable: [{ source: "historyTable: 'a b'", mentions: ['historyTable', 'identifier', '"a b"'] }],
  transactionMode: [{ source: 'transactionMode: true', mentions: ['transactionMode', "'per-migration'", 'true'] }],
  scriptTemplate: [{ source: 'scriptTemplate: 5', mentions: ['scriptTemplate', 'string', '5'] }],
  fileTemplate: [{ source: 'fileTemplate: 5', mentions: ['fileTemplate', 'string'] }],
  lockTimeout: [{ source: 'lockTimeout: true', mentions: ['lockTimeout', 'seconds', 'true'] }],
  clusterLockExpiry: [{ source: "clusterLockExpiry: 'soon'", mentions: ['clusterLockExpiry', 'seconds', '"soon"'] }],
  strictRenames: [{ source: "strictRenames: 'yes'", mentions: ['strictRenames', 'true or false', '"yes"'] }],
  stepTimeout: [{ source: 'stepTimeout: -5', mentions: ['stepTimeout', 'seconds', '-5'] }],
  statementTimeout: [{ source: "statementTimeout: '5 minutes'", mentions: ['statementTimeout', 'seconds'] }],
  ddlLockTimeout: [{ source: 'ddlLockTimeout: [2]', mentions: ['ddlLockTimeout', 'seconds', '[2]'] }],
  ddlLockRetries: [
    { source: 'ddlLockRetries: -1', mentions: ['ddlLockRetries', 'whole number', '-1'] },
    { source: 'ddlLockRetries: 2.5', mentions: ['ddlLockRetries', 'whole number', '2.5'] },
  ],
  ddlLockRetryDelay: [{ source: "ddlLockRetryDelay: 'later'", mentions: ['ddlLockRetryDelay', 'seconds', '"later"'] }],
  namingConvention: [
    { source: 'namingConvention: 5', mentions: ['namingConvention', 'pk', '5'] },
    { source: 'namingConvention: { fk: 5 }', mentions: ['namingConvention.fk', 'string', '5'] },
    { source: "namingConvention: { foreign: 'fk_%(table_name)s' }", mentions: ['namingConvention', "'foreign'", 'pk'] },
  ],
  databases: [
    { source: 'databases: 5', mentions: ['databases'] },
    { source: 'databases: { main: { url: 1 } }', mentions: ['databases.main.url', 'string', '1'] },
    { source: "databases: { main: { versionTable: 'x-y' } }", mentions: ['databases.main.versionTable', 'identifier'] },
    { source: "databases: { main: { excludeTables: 'x' } }", mentions: ['databases.main.excludeTables', 'list'] },
    { source: "databases: { main: { url: 'sqlite:///a.db', models: 'm.ts' } }", mentions: ['databases.main', "'models'"] },
  ],
}

/** A project whose config holds `body`, with one script so every command has something to read. */
function withConfig(body: string): { root: string; migrations: string; configFile: string } {
  const made = project(chain(['cfg000000001']))
  made.config(`export default { ${body} }\n`)
  return { root: made.root, migrations: made.migrations, configFile: join(made.migrations, 'athanor.config.ts') }
}

describe('a config value of the wrong type', () => {
  for (const [option, values] of Object.entries(BAD_VALUES)) {
    for (const value of values) {
      test(`${value.source}`, async () => {
        const made = withConfig(value.source)
        // heads needs no database: the config alone must be refused.
        const heads = await runBin(['-d', made.migrations, 'heads'], { cwd: made.root })
        assertCleanError(heads, made.configFile, ...value.mentions)
        assert.ok(heads.stderr.includes(option), heads.stderr)
        const current = await runBin(['-d', made.migrations, '--url', 'sqlite:///app.db', 'current'], { cwd: made.root })
        assertCleanError(current, made.configFile, ...value.mentions)
      })
    }
  }
})

describe('unknown options', () => {
  test('are named, all of them, with the near miss that was meant', async () => {
    const made = withConfig("versionTabel: 'x', colour: 'red', url: 'sqlite:///app.db'")
    const line = assertCleanError(
      await runBin(['-d', made.migrations, 'heads'], { cwd: made.root }),
      made.configFile,
      "'versionTabel'",
      "'colour'",
    )
    assert.match(line, /did you mean 'versionTable'/)
  })

  test('a config that is not an object of options', async () => {
    for (const text of ['export default 5', "export default ['sqlite:///app.db']", 'export default null']) {
      const made = project(chain(['cfg000000001']))
      made.config(`${text}\n`)
      const configFile = join(made.migrations, 'athanor.config.ts')
      assertCleanError(await runBin(['-d', made.migrations, 'heads'], { cwd: made.root }), configFile, 'defineConfig')
    }
  })

  test('a valid config with every option still loads', async () => {
    const made = withConfig(
      [
        "url: 'sqlite:///app.db'",
        "versionLocations: ['versions']",
        "models: '../models.ts'",
        "excludeTables: ['legacy_*']",
        "versionTable: 'athanor_version'",
        "historyTable: 'athanor_version_history'",
        "transactionMode: 'single'",
        "fileTemplate: '{rev}_{slug}'",
        "lockTimeout: '90s'",
        'clusterLockExpiry: 45',
        'strictRenames: true',
        "stepTimeout: '5m'",
        'statementTimeout: 30',
        "ddlLockTimeout: '2s'",
        'ddlLockRetries: 3',
        "ddlLockRetryDelay: '500ms'",
        "namingConvention: { fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s' }",
      ].join(', '),
    )
    const heads = await runBin(['-d', made.migrations, 'heads'], { cwd: made.root })
    assert.equal(heads.status, 0, heads.stderr)
    assert.match(heads.stdout, /cfg000000001/)
  })
})
