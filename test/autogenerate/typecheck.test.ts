import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { renderModels } from '../../src/models/render.js'
import { renderScript } from '../../src/ops/render-script.js'
import { readScriptTemplate, renderScriptTemplate } from '../../src/script/template.js'
import { BEFORE, AFTER, goldenOps } from './fixtures.js'
import { randomSchema } from './random-schema.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { assertTypeChecks } from '../helpers/typecheck.js'

it('generated scripts, empty ones too, and pulled models pass tsc --noEmit under strict settings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'athanor-tsc-'))
  try {
    const template = readScriptTemplate(dir)
    const files: string[] = []
    const scripts = [
      ...(await Promise.all((['sqlite', 'postgresql', 'mysql'] as const).map(goldenOps))),
      await autogenerate([], randomSchema(5, 'postgresql', 8), { hooks: diffHooksFor('postgresql') }),
      // An empty revision, as `revision -m` writes it, leaves the operations parameter unused.
      [],
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
    assertTypeChecks(dir, files)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
