import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ENTRY, importCycles, layerOf, layerViolations, readLayerRules } from './layers.js'
import { importsOf, parse, sourceFiles } from './source-files.js'

const rules = readLayerRules()
const files = sourceFiles()
const edges = files.flatMap((file) => importsOf(parse(file)))

test('DESIGN.md declares every folder of src/ as a layer, and only those', () => {
  const folders = new Set(files.map(layerOf).filter((layer) => layer !== ENTRY))
  assert.deepEqual([...folders].sort(), [...rules.keys()].sort())
  for (const [layer, imports] of rules) {
    for (const imported of imports) assert.ok(rules.has(imported), `${layer} imports an undeclared layer ${imported}`)
  }
})

test('every import follows the layer table of DESIGN.md', () => {
  assert.deepEqual(layerViolations(edges, rules), [])
})

test('no two files import each other, directly or through others', () => {
  assert.deepEqual(importCycles(edges), [])
})

test('the check catches an import against the table, and a cycle', () => {
  const source = parse('dialect/example.ts', "import { runPlan } from '../runtime/run-plan.js'\nexport const x = 1")
  assert.deepEqual(layerViolations(importsOf(source), rules), ['dialect/example.ts:1 (dialect) imports runtime/run-plan.ts (runtime)'])
  const entry = parse('index.ts', "export { main } from './cli/main.js'")
  assert.equal(layerViolations(importsOf(entry), rules).length, 1)
  const a = parse('ops/a.ts', "import type { B } from './b.js'")
  const b = parse('ops/b.ts', "export { a } from './a.js'")
  assert.deepEqual(importCycles([...importsOf(a), ...importsOf(b)]), ['ops/a.ts -> ops/b.ts -> ops/a.ts'])
})
