import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { renderScript } from '../../src/ops/render-script.js'
import { goldenOps } from './fixtures.js'

/** Set ATHANOR_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change. */
const UPDATE = process.env['ATHANOR_UPDATE_GOLDEN'] === '1'

describe('rendered scripts (golden files)', () => {
  for (const dialect of ['sqlite', 'postgresql'] as const) {
    it(`${dialect}: upgrade and downgrade bodies`, async () => {
      const { imports, upgrades, downgrades } = renderScript(await goldenOps(dialect))
      const text = `${imports.trim()}\n\n// upgrade\n${upgrades}\n\n// downgrade\n${downgrades}\n`
      const file = fileURLToPath(new URL(`./golden/${dialect}.txt`, import.meta.url))
      if (UPDATE || !existsSync(file)) writeFileSync(file, text)
      assert.equal(text, readFileSync(file, 'utf8'))
    })
  }
})
