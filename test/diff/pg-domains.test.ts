import assert from 'node:assert/strict'
import { test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { renderScript } from '../../src/ops/render-script.js'
import type { Domain } from '../../src/schema/pg-domain.js'
import { noSchemaObjects } from '../../src/schema/pg-objects.js'
import type { Table } from '../../src/schema/types.js'

const hooks = diffHooksFor('postgresql')
const ops = (current: Domain[], target: Domain[]) =>
  autogenerate([], [], {
    hooks,
    objects: { current: { ...noSchemaObjects, domains: current }, target: { ...noSchemaObjects, domains: target } },
  })

/** As PostgreSQL reads it back: named, deparsed. */
const stored: Domain = { name: 'qty', type: 'integer', checks: [{ name: 'qty_check', expression: '(VALUE > 0)' }] }

test('a domain as the models write it and as PostgreSQL reads it back is no change', async () => {
  assert.deepEqual(await ops([stored], [{ name: 'qty', type: 'int4', checks: [{ expression: 'VALUE > 0' }] }]), [])
})

test('a base type spelled without the length PostgreSQL gives it, or as another alias, is no change', async () => {
  for (const [written, read] of [
    ['char', 'character(1)'],
    ['numeric(10)', 'numeric(10,0)'],
    ['float(24)', 'real'],
    ['bit', 'bit(1)'],
    ['numeric(10, 2) ARRAY', 'numeric(10,2)[]'],
    ['pg_catalog.int4', 'integer'],
  ]) {
    assert.deepEqual(await ops([{ name: 'd', type: read! }], [{ name: 'd', type: written! }]), [], written)
  }
  assert.notDeepEqual(await ops([{ name: 'd', type: 'character(1)' }], [{ name: 'd', type: 'char(2)' }]), [])
})

test('a new base type is a comment in both directions, never a drop that would take the columns', async () => {
  const { upgrades, downgrades } = renderScript(await ops([stored], [{ ...stored, type: 'bigint' }]))
  assert.match(upgrades, /^ {2}await op\.execute\('-- domain qty: base type changed \(integer -> bigint\)\. ALTER DOMAIN cannot change it/)
  assert.equal(downgrades, upgrades)
})

test('a changed check, default and NOT NULL are one alter, and its downgrade puts them back', async () => {
  const wanted: Domain = { ...stored, notNull: true, default: { kind: 'literal', value: 1 }, checks: [{ expression: 'VALUE >= 1' }] }
  const { upgrades, downgrades } = renderScript(await ops([stored], [wanted]))
  assert.equal(
    upgrades,
    "  await op.alterDomain('qty', { default: { kind: 'literal', value: 1 }, notNull: true, dropChecks: ['qty_check'], " +
      "addChecks: [{ name: 'qty_check', expression: 'VALUE >= 1' }] }, " +
      "{ existing: { name: 'qty', type: 'integer', checks: [{ name: 'qty_check', expression: '(VALUE > 0)' }] } })",
  )
  const restored =
    "{ default: null, notNull: false, dropChecks: ['qty_check'], addChecks: [{ name: 'qty_check', expression: '(VALUE > 0)' }] }"
  assert.ok(downgrades.startsWith(`  await op.alterDomain('qty', ${restored}`), downgrades)
})

test('a changed check on a domain an array column uses is a note: PostgreSQL refuses it there', async () => {
  const scores: Table = {
    name: 'u',
    columns: [
      { name: 'id', type: { kind: 'integer' } },
      { name: 'scores', type: { kind: 'raw', sql: 'qty[]' } },
    ],
  }
  const wanted: Domain = { ...stored, checks: [{ expression: 'VALUE >= 1' }] }
  const found = await autogenerate([scores], [scores], {
    hooks,
    objects: { current: { ...noSchemaObjects, domains: [stored] }, target: { ...noSchemaObjects, domains: [wanted] } },
  })
  assert.equal(found.length, 1)
  assert.match(
    found[0]?.kind === 'execute' ? String(found[0].sql) : '',
    /^-- domain qty: its checks cannot change while u\.scores, an array of it, exists: PostgreSQL refuses/,
  )
  // Without the array column, the same change is the alter.
  const plain = await ops([stored], [wanted])
  assert.equal(plain[0]?.kind, 'alter_domain')
})
