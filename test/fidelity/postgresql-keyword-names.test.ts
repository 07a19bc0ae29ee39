// A column named like a keyword that can open a subquery ("values",
// "select", "with") read as that keyword in the expression key: its check,
// partial index and generated column compared unequal to the catalog's
// after every upgrade, and every migrate dropped and made them again.
import assert from 'node:assert/strict'
import { describeStages } from './stages.js'

const STAGES: readonly string[] = [
  [
    "import { check, col, defineModels, index, table } from 'athanor'",
    "export const t = table('t', {",
    '  id: col.integer().primaryKey(),',
    '  values: col.integer(),',
    '  select: col.text(),',
    '  dbl: col.integer().generated(\'"values" * 2\', { stored: true }),',
    '}, {',
    "  checks: [check('ck_values_pos', '\"values\" > 0'), check('ck_select', '\"select\" <> \\'x\\'')],",
    "  indexes: [index(['values'], { name: 'ix_t_values', where: '\"values\" > 10' })],",
    '})',
    'export default defineModels(t)',
  ].join('\n'),
  [
    "import { check, col, defineModels, index, table } from 'athanor'",
    "export const t = table('t', {",
    '  id: col.integer().primaryKey(),',
    '  values: col.integer(),',
    '  select: col.text(),',
    '  dbl: col.integer().generated(\'"values" * 2\', { stored: true }),',
    '}, {',
    "  checks: [check('ck_values_pos', '\"values\" >= 0'), check('ck_select', '\"select\" <> \\'x\\'')],",
    "  indexes: [index(['values'], { name: 'ix_t_values', where: '\"values\" > 20' })],",
    '})',
    'export default defineModels(t)',
  ].join('\n'),
]

describeStages(
  'postgresql: columns named like keywords in checks, predicates and generated columns',
  STAGES,
  'INSERT INTO t (id, "values", "select") VALUES (1, 5, \'a\'), (2, 30, \'b\')',
  async (db, scripts) => {
    assert.equal(scripts.length, 2)
    assert.deepEqual(await db.query('SELECT id, dbl FROM t ORDER BY id'), [
      { id: 1, dbl: 10 },
      { id: 2, dbl: 60 },
    ])
  },
  async (db) => {
    assert.deepEqual(await db.query('SELECT id, dbl FROM t ORDER BY id'), [
      { id: 1, dbl: 10 },
      { id: 2, dbl: 60 },
    ])
  },
)
