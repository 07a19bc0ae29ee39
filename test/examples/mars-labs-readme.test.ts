// examples/mars-labs/README.md, replayed: every command it shows runs in a
// copy of the example and must print what the README says it prints, so
// the README cannot go stale. The walk-through rebuilds the migrations
// folder from the models, which must come out as the committed one.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { EXAMPLE_DIR, removeWorkDir } from './mars-labs-app.js'
import { copyExampleForWalkthrough, README, SHOWN_DIR } from './mars-labs-readme.js'
import { replayReadme, type Walkthrough } from './walkthrough.js'

const CREATE_DATE = /Create Date: \S+/g

describe('examples/mars-labs/README.md', () => {
  let dir: string
  let walkthrough: Walkthrough

  before(() => {
    dir = copyExampleForWalkthrough()
    walkthrough = replayReadme(README, dir, SHOWN_DIR)
  })

  after(() => removeWorkDir(dir))

  it('prints what the README shows, command after command', () => {
    assert.ok(walkthrough.commands >= 25, `only ${walkthrough.commands} commands found`)
    const report = walkthrough.mismatches.map(
      (m) => `README line ${m.line}: $ ${m.command} (exit ${m.status})\n--- README shows\n${m.expected}\n--- prints\n${m.actual}`,
    )
    assert.deepEqual(report, [], `${report.join('\n\n')}\n\n(after a deliberate change: node --import tsx test/examples/update-readme.ts)`)
  })

  it('ends with the models and the migrations folder that are committed', () => {
    const files = [
      'src/models/users.ts',
      'src/models/index.ts',
      'migrations/athanor.config.ts',
      'migrations/script.ts.template',
      'migrations/README.md',
    ]
    for (const file of files) {
      assert.equal(readFileSync(join(dir, file), 'utf8'), readFileSync(join(EXAMPLE_DIR, file), 'utf8'), file)
    }
    const versions = (root: string) => readdirSync(join(root, 'migrations', 'versions')).sort()
    const made = versions(dir)
      .map((name) => walkthrough.ids.toReadme(name))
      .sort()
    assert.deepEqual(made, versions(EXAMPLE_DIR))
    for (const name of versions(dir)) {
      const text = walkthrough.ids.toReadme(readFileSync(join(dir, 'migrations', 'versions', name), 'utf8'))
      const committed = readFileSync(join(EXAMPLE_DIR, 'migrations', 'versions', walkthrough.ids.toReadme(name)), 'utf8')
      assert.equal(text.replace(CREATE_DATE, ''), committed.replace(CREATE_DATE, ''), name)
    }
  })
})
