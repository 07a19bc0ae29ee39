import assert from 'node:assert/strict'
import { describeStages } from './stages.js'

/**
 * The domains of CREATE DOMAIN's manual page, evolved: each stage changes
 * checks, a default (last to an expression PostgreSQL stores rewritten),
 * NOT NULL, and adds or drops a domain.
 */
const STAGES: readonly string[] = [
  [
    "import { col, defineModels, pgDomain, sql, table } from 'athanor'",
    "export const zip = pgDomain('us_postal_code', 'text', { check: sql`VALUE ~ '^[0-9]{5}$'` })",
    "export const percent = pgDomain('percent', 'numeric(5,2)', { default: 0, notNull: true, checks: [",
    "  { name: 'percent_min', expression: 'VALUE >= 0' }, { name: 'percent_max', expression: 'VALUE <= 100' }] })",
    "export const addresses = table('addresses', { id: col.integer().primaryKey(), zip: zip.column(), share: percent.column() })",
    'export default defineModels(zip, percent, addresses)',
  ].join('\n'),
  [
    "import { col, defineModels, pgDomain, sql, table } from 'athanor'",
    "export const zip = pgDomain('us_postal_code', 'text', { check: sql`VALUE ~ '^[0-9]{5}$' OR VALUE ~ '^[0-9]{5}-[0-9]{4}$'` })",
    "export const percent = pgDomain('percent', 'numeric(5,2)', { default: 10, checks: [",
    "  { name: 'percent_min', expression: 'VALUE >= 0' }, { name: 'percent_max', expression: 'VALUE <= 200' }] })",
    "export const code = pgDomain('country_code', 'char(2)', { check: 'upper(VALUE) = VALUE' })",
    "export const addresses = table('addresses', { id: col.integer().primaryKey(), zip: zip.column(), share: percent.column() })",
    'export default defineModels(zip, percent, code, addresses)',
  ].join('\n'),
  [
    "import { col, defineModels, pgDomain, sql, table } from 'athanor'",
    "export const zip = pgDomain('us_postal_code', 'text', { checks: [",
    "  { expression: \"VALUE ~ '^[0-9]{5}$' OR VALUE ~ '^[0-9]{5}-[0-9]{4}$'\" },",
    "  { expression: 'length(VALUE) <= 10' }] })",
    "export const percent = pgDomain('percent', 'numeric(5,2)', { default: sql`2 * 3 + 4`, checks: [",
    "  { name: 'percent_min', expression: 'VALUE >= 0' }, { name: 'percent_max', expression: 'VALUE <= 200' }] })",
    "export const addresses = table('addresses', { id: col.integer().primaryKey(), zip: zip.column(), share: percent.column() })",
    'export default defineModels(zip, percent, addresses)',
  ].join('\n'),
]

describeStages(
  'postgresql: domains evolve with their checks, default and NOT NULL, rows kept',
  STAGES,
  "INSERT INTO addresses (id, zip, share) VALUES (1, '12345', 50), (2, NULL, 0)",
  async (db, scripts) => {
    assert.ok(
      scripts.some((s) => s.includes("await op.alterDomain('us_postal_code', { dropChecks: ['us_postal_code_check'], addChecks: [")),
    )
    assert.ok(scripts.some((s) => s.includes("{ name: 'us_postal_code_check1', expression: 'length(VALUE) <= 10' }")))
    await assert.rejects(db.query("INSERT INTO addresses (id, zip) VALUES (3, '1234')"), /violates check constraint "us_postal_code_check"/)
  },
  async (db) => {
    assert.deepEqual(await db.query('SELECT id, zip, share::text AS share FROM addresses ORDER BY id'), [
      { id: 1, zip: '12345', share: '50.00' },
      { id: 2, zip: null, share: '0.00' },
    ])
  },
)
