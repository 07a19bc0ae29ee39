import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { renderDatabaseScripts } from '../../src/script/multidb-body.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { readScriptTemplate, renderScriptTemplate } from '../../src/script/template.js'
import { randomSchema } from '../autogenerate/random-schema.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

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
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
          baseUrl: dir,
          paths: { athanor: [join(ROOT, 'src/index.ts')] },
        },
        files: files.map(([name]) => join(dir, name)),
      }),
    )
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    })
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
