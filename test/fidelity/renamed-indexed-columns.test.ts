// A column renamed with --rename-column kept its indexes only by dropping
// and building them again around the rename: on PostgreSQL the drop failed
// when a foreign key stood on the unique index, and elsewhere the table
// went without the index for the build. Every database carries a rename
// into its indexes, so the migration is the rename alone.
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestServer } from '../helpers/databases.js'

const schemas: Partial<Record<TestServer, string[]>> = {
  postgresql: [
    'CREATE TABLE a (id int PRIMARY KEY, k text NOT NULL, n int)',
    'CREATE UNIQUE INDEX a_k_idx ON a (k)',
    'CREATE INDEX a_n_idx ON a (n) WHERE n > 0',
    'CREATE TABLE b (id int PRIMARY KEY, ak text REFERENCES a (k))',
  ],
  mysql: [
    'CREATE TABLE a (id INT PRIMARY KEY, k VARCHAR(20) NOT NULL, n INT, UNIQUE KEY a_k_idx (k), KEY a_n_idx (n))',
    'CREATE TABLE b (id INT PRIMARY KEY, ak VARCHAR(20), CONSTRAINT b_ak FOREIGN KEY (ak) REFERENCES a (k))',
  ],
  sqlite: [
    'CREATE TABLE a (id INTEGER PRIMARY KEY, k TEXT NOT NULL, n INT)',
    'CREATE UNIQUE INDEX a_k_idx ON a (k)',
    'CREATE INDEX a_n_idx ON a (n) WHERE n > 0',
    'CREATE TABLE b (id INTEGER PRIMARY KEY, ak TEXT REFERENCES a (k))',
  ],
}

for (const server of Object.keys(schemas) as TestServer[]) {
  describe(`${server}: renaming indexed columns`, () => {
    const project = usePulledProject(server, schemas[server] ?? [])

    test('is the rename alone, and the indexes follow it', async () => {
      const { rebuilt, ws } = project()
      const { models } = await pullAndRebuild(project())
      const renamed = models
        .replace(/\n {2}k: col/, '\n  kk: col')
        .replace(/\n {2}n: col/, '\n  nn: col')
        .replace("index(['k']", "index(['kk']")
        .replace("index(['n']", "index(['nn']")
        .replace("unique(['k']", "unique(['kk']")
        .replace('n > 0', 'nn > 0')
        .replace("'a', ['k']", "'a', ['kk']")
      writeFileSync(ws.models, renamed)
      await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-column', 'a.k:kk', '--rename-column', 'a.n:nn'])
      const versions = join(ws.directory, 'versions')
      const script = readFileSync(join(versions, readdirSync(versions).find((file) => file.includes('renamed'))!), 'utf8')
      assert.doesNotMatch(script, /Index\(/)
      await rebuilt.query("INSERT INTO a (id, k, n) VALUES (1, 'x', 1)")
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
      await assert.rejects(rebuilt.query("INSERT INTO a (id, kk, nn) VALUES (2, 'x', 2)"))
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.deepEqual(await rebuilt.query('SELECT id, k, n FROM a'), [{ id: 1, k: 'x', n: 1 }])
    })
  })
}
