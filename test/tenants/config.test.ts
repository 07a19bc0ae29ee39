import { describe, test } from 'node:test'
import { assertCleanError, cli } from '../helpers/cli.js'
import { tenantProjects } from './helpers.js'

const project = tenantProjects()

describe('tenants in the config', () => {
  const refused: ReadonlyArray<readonly [string, string, ...string[]]> = [
    ["'tenant_%'", 'tenants must be an object', "{ pattern: 'tenant_%' }"],
    ['{}', 'tenants takes one of urls, query and pattern, not none'],
    ["{ pattern: 'a_%', query: 'SELECT 1' }", 'not query and pattern'],
    ['{ urls: [] }', 'tenants.urls must be a non-empty list'],
    ["{ urls: ['sqlite:///a.db', 42] }", 'tenants.urls must be', 'not ['],
    ['{ pattern: 7 }', "tenants.pattern must be a LIKE pattern such as 'tenant_%', not 7"],
    ["{ query: '  ' }", 'tenants.query must be SQL text'],
    ["{ pattern: 'a_%', url: 5 }", 'tenants.url must be a URL string'],
    ["{ patern: 'a_%' }", "unknown option 'patern' (did you mean 'pattern'?)"],
    ["{ urls: ['sqlite:///a.db'], url: 'sqlite:///b.db' }", 'tenants.url is for query and pattern'],
  ]
  for (const [tenants, ...mentions] of refused) {
    test(`refuses tenants: ${tenants} in one line naming the option`, async () => {
      const made = project(tenants)
      assertCleanError(await cli(['-d', made.migrations, 'upgrade', '--all']), { code: 'INVALID_CONFIG' }, 'athanor.config.ts', ...mentions)
    })
  }

  test('refuses tenants beside databases', async () => {
    const made = project("{ pattern: 'a_%' }")
    made.config("export default { tenants: { pattern: 'a_%' }, databases: { default: { url: 'sqlite:///a.db' } } }")
    assertCleanError(await cli(['-d', made.migrations, 'current']), { code: 'INVALID_CONFIG' }, 'either databases or tenants')
  })

  test('a pattern needs a server that holds other databases', async () => {
    const made = project("{ pattern: 'tenant_%', url: 'sqlite:///control.db' }")
    assertCleanError(await cli(['-d', made.migrations, 'upgrade', '--all']), { code: 'INVALID_CONFIG' }, 'tenants.pattern', 'tenants.urls')
  })

  test('--all without tenants names the missing section', async () => {
    const made = project('undefined')
    assertCleanError(await cli(['-d', made.migrations, 'current', '--all']), { code: 'NO_TENANTS' }, "'tenants' section")
  })
})

describe('--all options', () => {
  const usage: ReadonlyArray<readonly [readonly string[], string]> = [
    [['upgrade', '--parallel', '2'], '--parallel goes with --all'],
    [['upgrade', '--all', '--parallel', '0'], '--parallel must be a whole number, at least 1, not "0"'],
    [['downgrade', '--all', '--canary', 'x'], '--canary must be a whole number'],
    [['stamp', 'head', '--all', '--on-error', 'skip'], '--on-error must be stop or continue, not "skip"'],
    [['upgrade', '--all', '--sql'], '--all cannot go with --sql'],
    [['status', '--all', '--db', 'one'], '--all cannot go with --db'],
  ]
  for (const [argv, mention] of usage) {
    test(`${argv.join(' ')} is a usage error`, async () => {
      const made = project("{ urls: ['sqlite:///a.db'] }")
      const result = await cli(['-d', made.migrations, ...argv])
      assertCleanError(result, argv[0] === 'status' ? { status: 2 } : { code: 'INVALID_OPTION' }, mention)
    })
  }
})
