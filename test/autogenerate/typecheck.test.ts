import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { renderModels } from '../../src/models/render.js'
import { renderScript } from '../../src/ops/render-script.js'
import { readScriptTemplate, renderScriptTemplate } from '../../src/script/template.js'
import { BEFORE, AFTER, goldenOps } from './fixtures.js'
import { randomSchema } from './random-schema.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

it('generated scripts and pulled models pass tsc --noEmit under strict settings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-tsc-'))
  try {
    const template = readScriptTemplate(dir)
    const files: string[] = []
    const scripts = [
      ...(await Promise.all((['sqlite', 'postgresql', 'mysql'] as const).map(goldenOps))),
      await autogenerate([], randomSchema(5, 'postgresql', 8), { hooks: diffHooksFor('postgresql') }),
    ]
    scripts.forEach((ops, i) => {
      const file = join(dir, `script${i}.ts`)
      const values = {
        message: 'm',
        revision: `r${i}`,
        revises: '',
        createDate: '2026-01-01T00:00:00Z',
        downRevisions: [],
        branchLabels: [],
        dependsOn: [],
        ...renderScript(ops),
      }
      writeFileSync(file, renderScriptTemplate(template.text, values, template.file))
      files.push(file)
    })
    for (const [i, tables] of [BEFORE, AFTER, randomSchema(9, 'mysql', 6)].entries()) {
      writeFileSync(join(dir, `models${i}.ts`), renderModels(tables))
      files.push(join(dir, `models${i}.ts`))
    }
    // Scripts are ES modules by contract.
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
        files,
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
