import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { workspace, type Workspace } from './workspace.js'

/** A schema an application made without any migration tool, and a row that must survive. */
const EXISTING: Readonly<Record<'sqlite' | 'postgresql', readonly string[]>> = {
  sqlite: [
    'CREATE TABLE accounts (id INTEGER PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)',
    'CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE, ' +
      'total NUMERIC(10, 2) NOT NULL DEFAULT 0, note TEXT)',
    'CREATE INDEX ix_orders_account_id ON orders (account_id)',
    "INSERT INTO accounts (id, email) VALUES (1, 'a@example.com')",
  ],
  postgresql: [
    'CREATE TABLE accounts (id SERIAL PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE, created_at TIMESTAMP WITH TIME ZONE DEFAULT now())',
    'CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE, ' +
      'total NUMERIC(10, 2) NOT NULL DEFAULT 0, note TEXT, tags JSONB)',
    'CREATE INDEX ix_orders_account_id ON orders (account_id)',
    "INSERT INTO accounts (email) VALUES ('a@example.com')",
  ],
}

const DIALECTS = ['sqlite', 'postgresql'] as const satisfies readonly DialectName[]

for (const dialect of DIALECTS) {
  describe(`adopting an existing ${dialect} database: pull, migrate against a scratch database, stamp head, check`, () => {
    let existing: TestDatabase
    let scratch: TestDatabase
    let ws: Workspace
    before(async () => {
      existing = await createTestDatabase(dialect)
      scratch = await createTestDatabase(dialect)
      for (const sql of EXISTING[dialect]) await existing.query(sql)
      ws = await workspace(existing.url)
    })
    after(async () => {
      ws?.cleanup()
      await existing?.drop()
      await scratch?.drop()
    })

    test('the documented route ends with check reporting no difference', async () => {
      const base = ['-d', ws.directory]
      await cliOk([...base, 'pull', '-o', ws.models, '--url', existing.url])
      // The first revision is written against an empty database, so it creates everything...
      await cliOk([...base, 'migrate', '-m', 'initial schema', '--url', scratch.url])
      const scripts = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts'))
      assert.equal(scripts.length, 1)
      // ...and the existing database is marked as having it, without running it.
      const stamped = await cliOk([...base, 'stamp', 'head', '--url', existing.url])
      assert.match(stamped.stderr, /^Stamped \w+ \(was base\)\.$/m)
      const checked = await cli([...base, 'check', '--url', existing.url])
      assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
      assert.equal(checked.status, 0)
      assert.deepEqual(await existing.query('SELECT email FROM accounts'), [{ email: 'a@example.com' }])
    })

    test('the initial revision builds the same schema on a fresh database', async () => {
      const base = ['-d', ws.directory, '--url', scratch.url]
      await cliOk([...base, 'upgrade'])
      const checked = await cli([...base, 'check'])
      assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
    })
  })
}
