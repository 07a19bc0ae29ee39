import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, test } from 'node:test'
import Database from 'better-sqlite3'
import { isAthanorError } from '../../src/core/errors.js'
import { autogenProject, type AutogenProject } from '../autogenerate/helpers.js'
import { BIN } from '../helpers/cli.js'
import { databaseState } from './blog.js'

// The blog case as a user meets it: models say posts.body is NOT NULL now,
// `migrate` writes the batch that rebuilds posts, `upgrade` runs it while
// post_tags says ON DELETE CASCADE and comments ON DELETE SET NULL.

const projects: AutogenProject[] = []
after(() => {
  for (const project of projects) project.cleanup()
})

const MODELS = (bodyNotNull: boolean) => `
import { col, defineModels, table } from 'athanor'
export const authors = table('authors', { id: col.integer().primaryKey(), name: col.text().notNull() })
export const posts = table('posts', {
  id: col.integer().primaryKey().autoincrement(),
  author_id: col.integer().notNull().references('authors'),
  title: col.text().notNull(),
  body: col.text()${bodyNotNull ? '.notNull()' : ''},
})
export const post_tags = table('post_tags', {
  id: col.integer().primaryKey(),
  post_id: col.integer().notNull().references('posts', { onDelete: 'CASCADE' }),
  tag: col.text().notNull(),
})
export const comments = table('comments', {
  id: col.integer().primaryKey(),
  post_id: col.integer().references('posts', { onDelete: 'SET NULL' }),
  text: col.text(),
})
export const audit = table('audit', { id: col.integer().primaryKey(), what: col.text() })
export default defineModels(authors, posts, post_tags, comments, audit)
`

/** A project at the blog's first revision, with `posts` rows and their children. */
async function blog(transactionMode: 'per-migration' | 'single', postRows = 300): Promise<AutogenProject & { path: string }> {
  const seed = autogenProject('sqlite://')
  projects.push(seed)
  const path = join(seed.root, 'blog.db')
  const project = Object.assign(autogenProject(`sqlite:///${path}`), { path })
  projects.push(project)
  writeFileSync(
    join(project.directory, 'athanor.config.ts'),
    `export default { models: '../models.ts', url: ${JSON.stringify(project.url)}, transactionMode: '${transactionMode}' }\n`,
  )
  project.models(MODELS(false))
  assert.ok(await project.migrate('blog'))
  await project.upgrade()
  const db = new Database(path)
  db.exec(`
    INSERT INTO authors (id, name) VALUES (1, 'ada'), (2, 'bob');
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${postRows})
      INSERT INTO posts (author_id, title, body) SELECT 1 + i % 2, 'title ' || i, 'body ' || i FROM k;
    INSERT INTO post_tags (post_id, tag) SELECT id, 'tag' FROM posts;
    INSERT INTO comments (post_id, text) SELECT id, 'first' FROM posts WHERE id % 3 = 0;`)
  db.close()
  return project
}

for (const mode of ['per-migration', 'single'] as const) {
  test(`migrate then upgrade makes posts.body NOT NULL and keeps every child row (${mode})`, async () => {
    const project = await blog(mode)
    const before = databaseState(new Database(project.path, { readonly: true }))
    project.models(MODELS(true))
    const script = await project.migrate('body not null')
    assert.ok(script)
    assert.match(readFileSync(script, 'utf8'), /batchAlterTable\('posts'/)
    await project.upgrade()
    const after = databaseState(new Database(project.path, { readonly: true }))
    assert.deepEqual(after.rows, before.rows)
    assert.equal(after.integrity, 'ok')
    assert.deepEqual(after.violations, [])
    assert.match(after.schema.find((sql) => sql.startsWith('CREATE TABLE "posts"')) ?? '', /"body" TEXT NOT NULL/)
    assert.deepEqual(await project.check(), [])
  })
}

test('a failing rebuild in a run rolls back that migration only, with enforcement back on', async () => {
  const project = await blog('per-migration')
  const db = new Database(project.path)
  db.exec('UPDATE posts SET body = NULL WHERE id = 7')
  db.close()
  const before = databaseState(new Database(project.path, { readonly: true }))
  project.models(MODELS(true))
  assert.ok(await project.migrate('body not null'))
  await assert.rejects(project.upgrade(), (error) => isAthanorError(error) && /"posts".*NOT NULL.*row \(id=7,/.test(error.message))
  assert.deepEqual(databaseState(new Database(project.path, { readonly: true })), before)
})

test('kill -9 during the copy leaves the database at a revision boundary, and the next upgrade finishes', async () => {
  const project = await blog('per-migration', 400_000)
  const before = databaseState(new Database(project.path, { readonly: true }))
  project.models(MODELS(true))
  assert.ok(await project.migrate('body not null'))
  const child = spawn(process.execPath, [BIN, '-d', project.directory, 'upgrade'], { stdio: ['ignore', 'ignore', 'pipe'] })
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      // The step has started: the copy of 400,000 rows is under way, or about to be.
      if (chunk.toString().includes('Running upgrade')) setTimeout(() => resolve(), 40)
    })
  })
  child.kill('SIGKILL')
  await new Promise((resolve) => child.on('close', resolve))
  const killed = databaseState(new Database(project.path, { readonly: true }))
  assert.equal(killed.integrity, 'ok')
  assert.deepEqual(killed.violations, [])
  assert.deepEqual(killed.rows, before.rows)
  await project.upgrade()
  const done = databaseState(new Database(project.path, { readonly: true }))
  assert.deepEqual(done.rows, before.rows)
  assert.match(done.schema.find((sql) => sql.startsWith('CREATE TABLE "posts"')) ?? '', /"body" TEXT NOT NULL/)
})
