import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AthanorError } from '../../src/core/errors.js'
import { check, col, defineModels, foreignKey, index, table, unique } from '../../src/models/index.js'
import { sql } from '../../src/schema/column-types.js'

describe('models DSL', () => {
  it('produces the schema model, naming unnamed constraints by convention', () => {
    const posts = table(
      'posts',
      {
        id: col.bigint().primaryKey().autoincrement(),
        user_id: col.integer().notNull().references('users', { onDelete: 'CASCADE' }),
        slug: col.string(80).notNull(),
        created: col.timestamp({ withTimeZone: true }).default(sql('now()')),
      },
      {
        schema: 'blog',
        indexes: [index(['slug'], { where: 'slug IS NOT NULL' })],
        uniques: [unique(['user_id', 'slug'])],
        checks: [check('ck_posts_slug', "slug <> ''")],
        comment: 'blog posts',
      },
    )
    assert.deepEqual(posts, {
      name: 'posts',
      schema: 'blog',
      columns: [
        { name: 'id', type: { kind: 'bigint' }, primaryKey: true, nullable: false, autoincrement: true },
        { name: 'user_id', type: { kind: 'integer' }, nullable: false },
        { name: 'slug', type: { kind: 'string', length: 80 }, nullable: false },
        { name: 'created', type: { kind: 'timestamp', withTimeZone: true }, serverDefault: { kind: 'expression', sql: 'now()' } },
      ],
      foreignKeys: [
        { name: 'fk_posts_user_id_users', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE' },
      ],
      uniqueConstraints: [{ name: 'uq_posts_user_id_slug', columns: ['user_id', 'slug'] }],
      checkConstraints: [{ name: 'ck_posts_slug', expression: "slug <> ''" }],
      indexes: [{ name: 'ix_posts_slug', columns: ['slug'], where: 'slug IS NOT NULL' }],
      comment: 'blog posts',
    })
  })

  it('supports composite keys and table-level foreign keys', () => {
    const t = table(
      'm',
      { a: col.integer(), b: col.integer() },
      { primaryKey: { columns: ['a', 'b'] }, foreignKeys: [foreignKey(['a', 'b'], 'x', ['p', 'q'], { name: 'fk_m' })] },
    )
    assert.deepEqual(t.primaryKey, { columns: ['a', 'b'] })
    assert.equal(t.foreignKeys?.[0]?.name, 'fk_m')
  })

  it('refuses unknown columns and duplicate tables with one-line errors', () => {
    assert.throws(
      () => table('t', { a: col.text() }, { indexes: [index(['b'])] }),
      (e: unknown) => e instanceof AthanorError && /no column "b"/.test(e.message),
    )
    const t = table('t', { a: col.text() })
    assert.throws(
      () => defineModels(t, t),
      (e: unknown) => e instanceof AthanorError && e.code === 'INVALID_MODEL',
    )
  })

  it('keeps long conventional names within identifier limits', () => {
    const long = 'x'.repeat(70)
    const t = table(long, { [long]: col.integer() }, { indexes: [index([long])] })
    assert.ok(Buffer.byteLength(t.indexes![0]!.name) <= 63)
  })
})

// @ts-expect-error a misspelt type does not compile
void (() => col.strng(10))
