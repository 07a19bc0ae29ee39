import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * Type-checks `files` in `dir` as a user's project would: ES modules, the
 * strict settings athanor asks of scripts, and `athanor` resolving to the
 * built declarations, as an installed package's do. Resolving to the
 * sources instead would type-check all of athanor again on every call, six
 * times the work. Fails the test with tsc's output.
 */
export function assertTypeChecks(dir: string, files: readonly string[]): void {
  const declarations = join(ROOT, 'dist/index.d.ts')
  assert.ok(existsSync(declarations), `${declarations} is missing: build first (node scripts/build.mjs)`)
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
        noUnusedLocals: true,
        noUnusedParameters: true,
        verbatimModuleSyntax: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        baseUrl: dir,
        paths: { athanor: [declarations] },
      },
      files,
    }),
  )
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
    encoding: 'utf8',
  })
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr)
}
