// The words the lint rules read a statement as: a quoted name with a quote
// doubled inside it is the name with one quote, so a finding names the table
// as it is (we`ird, not we``ird).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sqlTokens } from '../../src/dialect/default/sql-tokens.js'
import { tableOf, tokenWord } from '../../src/dialect/lint/words.js'
import { mysqlLexicon } from '../../src/dialect/mysql/transaction-control.js'
import { postgresqlLexicon } from '../../src/dialect/postgresql/transaction-control.js'
import type { SqlLexicon } from '../../src/dialect/default/sql-tokens.js'

const wordsOf = (sql: string, lexicon: SqlLexicon) => sqlTokens(sql, lexicon).map((token) => tokenWord(sql, token))

describe('lint words', () => {
  it('take a quoted name without its quotes, a doubled quote inside it as one', () => {
    assert.equal(tableOf(wordsOf('ALTER TABLE `we``ird` ADD COLUMN n INT', mysqlLexicon)), 'we`ird')
    assert.equal(tableOf(wordsOf('ALTER TABLE "say ""hi""" ADD COLUMN n int', postgresqlLexicon)), 'say "hi"')
    assert.equal(tableOf(wordsOf('ALTER TABLE "Users" ADD COLUMN n int', postgresqlLexicon)), 'users')
  })

  it("keep a string's quotes, so a string is never read as a name", () => {
    assert.deepEqual(wordsOf("UPDATE t SET note = 'it''s'", postgresqlLexicon).slice(-1), ["'it''s'"])
  })
})
