import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { renderDatabaseScripts } from '../../src/script/multidb-body.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { readScriptTemplate, renderScriptTemplate } from '../../src/script/template.js'
import { randomSchema } from '../autogenerate/random-schema.js'
import { assertTypeChecks } from '../helpers/typecheck.js'

it('multi-database scripts, empty and generated, pass tsc --noEmit under strict settings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-multidb-tsc-'))
  try {
    const template = readScriptTemplate(dir, undefined, true)
    const names = ['default', 'db1', 'db2']
    const base = {
      message: 'm',
      revises: '',
      createDate: '2026-01-01T00:00:00Z',
      downRevisions: [],
      branchLabels: [],
      dependsOn: [],
      databases: names,
    }
    const ops = await autogenerate([], randomSchema(3, 'sqlite', 4), { hooks: diffHooksFor('sqlite') })
    const generated = renderDatabaseScripts(names, [
      { database: 'default', ops: [] },
      { database: 'db1', ops },
      { database: 'db2', ops: [] },
    ])
    const files = [
      ['empty.ts', renderScriptTemplate(template.text, { ...base, revision: 'r1' }, template.file)],
      ['generated.ts', renderScriptTemplate(template.text, { ...base, revision: 'r2', ...generated }, template.file)],
    ] as const
    for (const [name, text] of files) writeFileSync(join(dir, name), text)
    assertTypeChecks(
      dir,
      files.map(([name]) => join(dir, name)),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
