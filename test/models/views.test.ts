import assert from 'node:assert/strict'
import { test } from 'node:test'
import { col, defineModels, sql, table, view } from '../../src/models/index.js'
import { renderModels } from '../../src/models/render.js'

test('view() takes the sql tag or a string, and defineModels keeps views apart from tables', () => {
  const users = table('users', { id: col.integer().primaryKey(), active: col.boolean() })
  const active = view(
    'active_users',
    sql`
    SELECT id FROM users WHERE active
  `,
  )
  const totals = view('totals', 'SELECT count(*) AS n FROM users', { schema: 'reports', materialized: true })
  assert.deepEqual(active, { name: 'active_users', definition: 'SELECT id FROM users WHERE active' })
  assert.deepEqual(totals, { name: 'totals', definition: 'SELECT count(*) AS n FROM users', schema: 'reports', materialized: true })
  const models = defineModels(users, active, totals)
  assert.deepEqual(
    models.tables.map((t) => t.name),
    ['users'],
  )
  assert.deepEqual(models.views, [active, totals])
  assert.throws(() => defineModels(active, active), { code: 'INVALID_MODEL', message: /view "active_users" is declared twice/ })
  assert.deepEqual(sql`SELECT ${1} + ${2}`, { kind: 'expression', sql: 'SELECT 1 + 2' })
})

// SQL text holding what a template literal would read as a placeholder, which the rendered one must escape.
const DOLLAR = '$'

test('pull renders views as sql templates, escaping what a template literal would read', () => {
  const text = renderModels(
    [{ name: 'users', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }],
    [
      { name: 'active_users', definition: ["select `users`.`id` AS `id` from `users` where '", DOLLAR, "{x}' <> '\\\\'"].join('') },
      { name: 'totals', schema: 'reports', definition: 'SELECT 1', materialized: true },
    ],
  )
  assert.match(text, /^import \{ col, defineModels, sql, table, view \} from 'athanor'$/m)
  assert.ok(
    text.includes(
      [
        "export const activeUsers = view('active_users', sql`select \\`users\\`.\\`id\\` AS \\`id\\` from \\`users\\` where '\\",
        DOLLAR,
        "{x}' <> '\\\\\\\\'`)",
      ].join(''),
    ),
    text,
  )
  assert.ok(text.includes("export const reportsTotals = view('totals', sql`SELECT 1`, { schema: 'reports', materialized: true })"), text)
  assert.match(text, /export default defineModels\(users, activeUsers, reportsTotals\)/)
})
