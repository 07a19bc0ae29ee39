// A row security policy whose condition calls a routine that must be dropped
// and created holds the routine like a check does (PostgreSQL refuses DROP
// FUNCTION under it): it is dropped before the routine and made again after,
// in the migration's transaction, and the downgrade does the same the other
// way. Before, the upgrade failed at DROP FUNCTION.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** The routine (its argument named `arg`: renaming it needs a drop and a create) and a table whose policy calls it. */
const models = (arg: string) =>
  [
    "import { col, defineModels, policy, routine, sql, table } from 'athanor'",
    `export const allowed = routine('allowed', sql\`CREATE FUNCTION allowed(${arg} int) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS $$ SELECT ${arg} > 0 $$\`)`,
    "export const notes = table('notes', { id: col.integer().primaryKey(), qty: col.integer().notNull() }, {",
    "  postgresql: { rowLevelSecurity: true, policies: [policy('positive', { using: 'allowed(qty)' })] },",
    '})',
    'export default defineModels(allowed, notes)',
    '',
  ].join('\n')

describe('postgresql: a policy calling a routine that is dropped and created', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('steps aside around the routine, through upgrade and downgrade', async () => {
    writeFileSync(ws.models, models('a'))
    await cliOk([...ws.base, 'migrate', '-m', 's1', '--rev-id', 's1'])
    await cliOk([...ws.base, 'upgrade'])
    writeFileSync(ws.models, models('x'))
    await cliOk([...ws.base, 'migrate', '-m', 's2', '--rev-id', 's2'])
    const file = readdirSync(join(ws.directory, 'versions')).find((name) => name.startsWith('s2_'))!
    const [upgrade = ''] = readFileSync(join(ws.directory, 'versions', file), 'utf8').split('export async function downgrade')
    const order = [
      "op.dropPolicy('positive'",
      "op.dropRoutine('allowed'",
      "op.createRoutine('allowed'",
      "op.createPolicy('positive', 'notes'",
    ]
    const at = order.map((needle) => upgrade.indexOf(needle))
    assert.ok(
      at.every((n, i) => n >= 0 && (i === 0 || n > at[i - 1]!)),
      `${order.join(', ')} in order:\n${upgrade}`,
    )

    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const policyOf = () => db.query("SELECT pg_get_expr(polqual, polrelid) AS using FROM pg_policy WHERE polname = 'positive'")
    assert.deepEqual(await policyOf(), [{ using: 'allowed(qty)' }])
    const args = () => db.query("SELECT pg_get_function_arguments('allowed'::regproc) AS args")
    assert.deepEqual(await args(), [{ args: 'x integer' }])

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await args(), [{ args: 'a integer' }])
    assert.deepEqual(await policyOf(), [{ using: 'allowed(qty)' }])
    await cliOk([...ws.base, 'downgrade', 'base'])
  })
})
