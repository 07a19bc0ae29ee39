import assert from 'node:assert/strict'
import { describeStages } from './stages.js'

/**
 * Models naming the default operator class of a key's type and method
 * (`jsonb_ops` under GIN, `int4_ops` and `text_ops` under B-tree, citext's
 * `citext_ops` from its extension), which PostgreSQL stores as naming none:
 * `check` stays clean after each upgrade, and a class that is not the
 * default (`jsonb_path_ops`) is still a change.
 */
const STAGES: readonly string[] = [
  [
    "import { col, defineModels, extension, index, table } from 'athanor'",
    "export const citext = extension('citext')",
    "export const docs = table('docs', { id: col.integer().primaryKey(), n: col.integer(), title: col.text(),",
    "  data: col.json({ binary: true }), email: col.raw('citext') }, { indexes: [",
    "  index(['data'], { name: 'ix_docs_data', using: 'gin', opclass: { data: 'jsonb_ops' } }),",
    "  index(['n', 'title'], { name: 'ix_docs_n_title', opclass: { n: 'int4_ops', title: 'text_ops' } }),",
    "  index(['email'], { name: 'ix_docs_email', opclass: { email: 'citext_ops' } })] })",
    'export default defineModels(citext, docs)',
  ].join('\n'),
  [
    "import { col, defineModels, extension, index, table } from 'athanor'",
    "export const citext = extension('citext')",
    "export const docs = table('docs', { id: col.integer().primaryKey(), n: col.integer(), title: col.text(),",
    "  data: col.json({ binary: true }), email: col.raw('citext') }, { indexes: [",
    "  index(['data'], { name: 'ix_docs_data', using: 'gin', opclass: { data: 'jsonb_path_ops' } }),",
    "  index(['n', 'title'], { name: 'ix_docs_n_title', opclass: { title: 'text_pattern_ops' } }),",
    "  index(['email'], { name: 'ix_docs_email' })] })",
    'export default defineModels(citext, docs)',
  ].join('\n'),
]

describeStages(
  'postgresql: a default operator class named in the models is no change; another one is',
  STAGES,
  `INSERT INTO docs (id, n, title, data, email) VALUES (1, 7, 'a', '{"k": 1}', 'A@x.org')`,
  async (db, scripts) => {
    // The scripts come in file-name order: the second stage's is the one that drops an index.
    const second = scripts.find((script) => script.includes('dropIndex'))
    assert.match(second ?? '', /jsonb_path_ops/)
    assert.match(second ?? '', /text_pattern_ops/)
    // The email index named citext's default class and now names none: the same index, not rebuilt.
    assert.doesNotMatch(second ?? '', /ix_docs_email/)
    const [row] = await db.query("SELECT pg_get_indexdef('ix_docs_data'::regclass) AS def")
    assert.match(String(row?.['def']), /jsonb_path_ops/)
  },
  async (db) => {
    const [row] = await db.query("SELECT pg_get_indexdef('ix_docs_data'::regclass) AS def")
    assert.doesNotMatch(String(row?.['def']), /jsonb_path_ops/)
  },
)
