// `check` against a database that a step outside a transaction left half
// done: the catalog is neither the revision before nor the one after, so
// the comparison cannot be trusted. It refuses as `upgrade` does, naming the
// step and the ways out, with status 2 (it could not answer).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const model = (columns: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const products = table('products', { id: col.integer().primaryKey()${columns} })`,
    'export default defineModels(products)',
  ].join('\n')

describe('mysql: check while a downgrade is stopped halfway', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('refuses with the unresolved step and the resolve hint, exit 2; after resolve it compares again', async () => {
    writeFileSync(ws.models, model(', price: col.integer()'))
    await cliOk([...ws.base, 'migrate', '-m', 'products'])
    await cliOk([...ws.base, 'upgrade'])
    writeFileSync(ws.models, model(''))
    await cliOk([...ws.base, 'migrate', '-m', 'drop price'])
    const versions = join(ws.directory, 'versions')
    const [file] = readdirSync(versions).filter((name) => name.endsWith('_drop_price.ts'))
    const path = join(versions, file!)
    const revision = /export const revision = '(\w+)'/.exec(readFileSync(path, 'utf8'))![1]!
    // The downgrade puts the column back, then fails at its second statement.
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        /(async function downgrade[^{]*\{\n[^\n]*\n)/,
        "$1  await op.execute('INSERT INTO missing_table VALUES (1)')\n",
      ),
    )
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    assertCleanError(await cli([...ws.base, 'downgrade', '-1']), 'missing_table')
    const refused = await cli([...ws.base, 'check'])
    assert.equal(refused.stdout, '')
    assertCleanError(
      refused,
      { status: 2 },
      `downgrade of revision ${revision}`,
      'failed at statement 2 of 2',
      `athanor resolve ${revision} --continue`,
      '--rolled-back',
    )

    await cliOk([...ws.base, 'resolve', revision, '--rolled-back'])
    const compared = await cli([...ws.base, 'check'])
    assert.equal(compared.status, 1, compared.stderr)
    assert.match(compared.stdout, /remove column products\.price/)
  })
})
