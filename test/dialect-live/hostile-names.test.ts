import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pull } from '../../src/command/pull.js'
import type { DialectName } from '../../src/dialect/types.js'
import { autogenProject, liveTables } from '../autogenerate/helpers.js'
import { createTestDatabase } from '../helpers/databases.js'

// Names a user (or a legacy database) can hold: quotes of every kind,
// backslashes, `${`, newlines, comment closers, and names that mean
// something to a JavaScript object literal.
// biome-ignore lint/suspicious/noTemplateCurlyInString: the names hold a literal ${ on purpose
const TABLES = [`it's`, 'back`tick', 'dollar${x}', 'new\nline', 'star*/x', 'quote"d', 'bs\\x', 'constructor', 'toString']
// biome-ignore lint/suspicious/noTemplateCurlyInString: the names hold a literal ${ on purpose
const COLUMNS = ['__proto__', "c'o\\l${z}`\nx", 'constructor']

function quoteFor(dialect: DialectName): (name: string) => string {
  return dialect === 'mysql' ? (s) => `\`${s.replaceAll('`', '``')}\`` : (s) => `"${s.replaceAll('"', '""')}"`
}

describe('pull writes a models module that reproduces hostile table and column names', () => {
  for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
    test(dialect, async () => {
      const source = await createTestDatabase(dialect)
      const target = await createTestDatabase(dialect)
      const original = autogenProject(source.url)
      const copy = autogenProject(target.url)
      try {
        const q = quoteFor(dialect)
        const connection = await source.connect()
        try {
          for (const name of TABLES) {
            await connection.execute({
              sql: `CREATE TABLE ${q(name)} (${q('id')} INTEGER PRIMARY KEY, ${COLUMNS.map((c) => `${q(c)} INTEGER`).join(', ')})`,
            })
          }
        } finally {
          await connection.close()
        }
        const { text } = await pull({ directory: original.directory, url: source.url, env: {} })
        copy.models(text)
        await copy.migrate('from pull')
        await copy.upgrade()
        const tables = await liveTables(target.url)
        assert.deepEqual(tables, await liveTables(source.url))
        // `__proto__:` in an object literal sets the prototype: the column would be dropped.
        assert.ok(
          tables.every((t) => t.columns.some((c) => c.name === '__proto__')),
          text,
        )
      } finally {
        original.cleanup()
        copy.cleanup()
        await source.drop()
        await target.drop()
      }
    })
  }
})

describe('pull on PostgreSQL reads a schema whose name is hostile', () => {
  // `$'` is a pattern in a String.replace replacement, and `\'` ends a
  // literal early when standard_conforming_strings is off.
  const SCHEMA = "s$'q\\x"
  for (const conforming of ['on', 'off']) {
    test(`standard_conforming_strings ${conforming}`, async () => {
      const db = await createTestDatabase('postgresql')
      const project = autogenProject(db.url)
      try {
        await db.query(`CREATE SCHEMA "${SCHEMA.replaceAll('"', '""')}"`)
        await db.query(`CREATE TABLE "${SCHEMA.replaceAll('"', '""')}"."t" ("id" INTEGER PRIMARY KEY)`)
        await db.query(`ALTER DATABASE "${db.name}" SET standard_conforming_strings = ${conforming}`)
        const { tables } = await pull({ directory: project.directory, url: db.url, env: {}, schemas: [SCHEMA] })
        assert.deepEqual(
          tables.map((t) => [t.schema, t.name]),
          [[SCHEMA, 't']],
        )
        const atHome = await pull({ directory: project.directory, url: `${db.url}?schema=${encodeURIComponent(SCHEMA)}`, env: {} })
        assert.deepEqual(
          atHome.tables.map((t) => [t.schema, t.name]),
          [[undefined, 't']],
        )
      } finally {
        project.cleanup()
        await db.drop()
      }
    })
  }
})
