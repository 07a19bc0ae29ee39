// A PostgreSQL URL with ?schema= puts the migrations in that schema; the
// models' unqualified tables live there, so autogenerate must compare them
// with that schema, not with public.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-pg-schema-'))
after(() => rmSync(work, { recursive: true, force: true }))

describe('postgresql: autogenerate within the schema a URL names', () => {
  const db = useTestDatabase('postgresql')

  test('migrate, upgrade, then check is clean and public stays empty', async () => {
    await db.query('CREATE SCHEMA tenant')
    const url = `${db.url}?schema=tenant`
    const migrations = join(work, 'migrations')
    mkdirSync(join(migrations, 'versions'), { recursive: true })
    writeFileSync(join(migrations, 'athanor.config.ts'), "export default { models: '../models.ts' }\n")
    writeFileSync(
      join(work, 'models.ts'),
      [
        "import { col, defineModels, table } from 'athanor'",
        "export const users = table('users', " +
          '{ id: col.integer().primaryKey().autoincrement(), email: col.string(120).notNull().unique() })',
        "export const posts = table('posts', { id: col.integer().primaryKey(), user_id: col.integer().notNull().references('users') })",
        'export default defineModels(users, posts)',
        '',
      ].join('\n'),
    )
    await cliOk(['migrate', '-m', 'first', '-d', migrations, '--url', url])
    await cliOk(['upgrade', '-d', migrations, '--url', url])
    const check = await cli(['check', '-d', migrations, '--url', url])
    assert.equal(check.status, 0, check.stdout + check.stderr)
    assert.match(check.stdout, /No new upgrade operations detected\./)
    const tables = await db.query(
      "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'tenant') ORDER BY 1",
    )
    assert.deepEqual(
      tables.map((row) => row['t']),
      ['tenant.athanor_version', 'tenant.athanor_version_history', 'tenant.posts', 'tenant.users'],
    )
  })
})
