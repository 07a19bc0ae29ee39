// An index migrate adds to a table that exists: on PostgreSQL it writes
// createIndex(…, { concurrently: true }) in a script with transactional =
// false, and `upgrade --sql` prints that revision outside BEGIN/COMMIT. The
// offline test sent the whole script as one text, which PostgreSQL runs in
// one implicit transaction, so it failed on the tool's own output ("CREATE
// INDEX CONCURRENTLY cannot run inside a transaction block"); it now runs
// the script statement by statement, as psql does.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { SOUND_MODELS } from './projects.js'
import { assertScratchDropped } from './scratch.js'

interface JsonReport {
  readonly passed: boolean
  readonly databases: readonly { readonly scratch: readonly string[]; readonly tests: readonly { name: string; status: string }[] }[]
}

describe('athanor test on postgresql, an index migrate builds concurrently', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('passes the offline test', async () => {
    writeFileSync(ws.models, SOUND_MODELS.replace("}, { indexes: [index(['name'], { name: 'ix_users_name' })] })", '})'))
    await cliOk([...ws.base, 'migrate', '-m', 'users'])
    await cliOk([...ws.base, 'upgrade'])
    writeFileSync(ws.models, SOUND_MODELS)
    await cliOk([...ws.base, 'migrate', '-m', 'index names'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_index_names.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /export const transactional = false/)
    assert.match(script, /op\.createIndex\('ix_users_name', 'users', \['name'\], \{ concurrently: true/)

    const result = await cli([...ws.base, 'test', '--format', 'json'])
    const report = JSON.parse(result.stdout) as JsonReport
    await assertScratchDropped(
      'postgresql',
      report.databases.flatMap((d) => d.scratch),
    )
    const statuses = Object.fromEntries(report.databases[0]!.tests.map((t) => [t.name, t.status]))
    assert.equal(statuses['offline'], 'passed', result.stdout)
    assert.equal(result.status, 0, result.stdout)
  })
})
