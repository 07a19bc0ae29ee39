import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffViews } from '../../src/diff/views.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { renderScript } from '../../src/ops/render-script.js'
import type { Table } from '../../src/schema/types.js'
import type { View } from '../../src/schema/view.js'

const UPDATE = process.env['ATHANOR_UPDATE_GOLDEN'] === '1'

function assertGolden(name: string, text: string): void {
  const file = fileURLToPath(new URL(`./golden/${name}.txt`, import.meta.url))
  if (UPDATE || !existsSync(file)) writeFileSync(file, text)
  assert.equal(text, readFileSync(file, 'utf8'))
}

const users: Table = {
  name: 'users',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'email', type: { kind: 'text' } },
    { name: 'legacy', type: { kind: 'text' } },
  ],
}
const withoutLegacy: Table = { ...users, columns: users.columns.filter((c) => c.name !== 'legacy') }

// As the database reads them back: in a form of its own, with what each reads.
const current: View[] = [
  { name: 'emails', definition: ' SELECT users.email\n   FROM users;', dependsOn: ['users'] },
  { name: 'legacy_users', definition: ' SELECT users.id, users.legacy\n   FROM users;', dependsOn: ['users'] },
  { name: 'old_report', definition: ' SELECT count(*) AS n\n   FROM users;', dependsOn: ['users'] },
  { name: 'email_count', definition: ' SELECT count(*) AS n\n   FROM emails;', dependsOn: ['emails'] },
]
const target: View[] = [
  { name: 'emails', definition: 'SELECT email FROM users' },
  { name: 'legacy_users', definition: 'SELECT id FROM users' },
  { name: 'email_count', definition: 'SELECT count(*) AS n FROM emails' },
  { name: 'user_ids', definition: 'SELECT id FROM users' },
]

// What PostgreSQL would store: the model's text qualified and pretty-printed, as pg_get_viewdef does for these.
const stored: Record<string, string> = {
  'SELECT email FROM users': ' SELECT users.email\n   FROM users;',
  'SELECT count(*) AS n FROM emails': ' SELECT count(*) AS n\n   FROM emails;',
}

test('views: added, changed, dropped, and those over a dropped column recreated around the change, with the script', async () => {
  const tableOps = await autogenerate([users], [withoutLegacy], { hooks: diffHooksFor('postgresql') })
  const { before, after } = await diffViews(current, target, tableOps, async (views) => views.map((v) => stored[v.definition]))
  const ops = [...before, ...tableOps, ...after]
  assert.deepEqual(
    ops.map((op) => (op.kind === 'create_view' ? `create ${op.view.name}` : op.kind === 'drop_view' ? `drop ${op.name}` : op.kind)),
    [
      // Dependents first: email_count reads emails, which reads the changed table.
      'drop email_count',
      'drop old_report',
      'drop legacy_users',
      'drop emails',
      'drop_column',
      'create emails',
      'create legacy_users',
      'create email_count',
      'create user_ids',
    ],
  )
  const script = renderScript(ops)
  assertGolden('postgresql', `# upgrade\n${script.upgrades}\n# downgrade\n${script.downgrades}\n`)
  const sql = ops.flatMap((op) => postgresCompiler.compileSql(op, 'offline').map((s) => s.sql))
  assert.ok(sql.includes('DROP VIEW "legacy_users"'))
  assert.ok(sql.includes('CREATE VIEW "user_ids" AS SELECT id FROM users'))
})

test('a view the database stores in its own form is no difference, and one it refuses is', async () => {
  const same = await diffViews(current.slice(0, 1), target.slice(0, 1), [], async (views) => views.map((v) => stored[v.definition]))
  assert.deepEqual(same, { before: [], after: [] })
  const refused = await diffViews(current.slice(0, 1), target.slice(0, 1), [], async (views) => views.map(() => undefined))
  assert.deepEqual(
    [...refused.before, ...refused.after].map((op) => op.kind),
    ['drop_view', 'create_view'],
  )
})

test('a view becoming materialized is dropped and created as the other kind', async () => {
  const was: View = { name: 'totals', definition: 'SELECT 1 AS n', dependsOn: [] }
  const { before, after } = await diffViews([was], [{ ...was, materialized: true }], [], async (views) => views.map((v) => v.definition))
  assert.deepEqual(before, [{ kind: 'drop_view', name: 'totals', existing: { name: 'totals', definition: 'SELECT 1 AS n' } }])
  assert.deepEqual(after, [
    { kind: 'create_view', view: { name: 'totals', definition: 'SELECT 1 AS n', dependsOn: [], materialized: true } },
  ])
})
