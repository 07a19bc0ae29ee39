// Where the README walk-through runs: a copy of the example without its
// migrations folder, which the walk-through makes again from the models.
import { cpSync, mkdtempSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { EXAMPLE_DIR } from './mars-labs-app.js'

export const README = join(EXAMPLE_DIR, 'README.md')

/** The folder the README's outputs show, as the reader who follows it has it. */
export const SHOWN_DIR = '/tmp/mars-labs'

/** Copies the example as the README's first step does: no migrations, no databases. */
export function copyExampleForWalkthrough(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mars-labs-readme-')))
  cpSync(EXAMPLE_DIR, dir, {
    recursive: true,
    filter: (source) => {
      const path = relative(EXAMPLE_DIR, source)
      const top = path.split(sep)[0]
      return top !== 'migrations' && !/\.db(-journal|-wal|-shm)?$/.test(path)
    },
  })
  return dir
}
