import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { test } from 'node:test'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** The formatter's line width, as biome.json sets it. */
function lineWidth(): number {
  const config = JSON.parse(readFileSync(resolve(ROOT, 'biome.json'), 'utf8')) as { formatter?: { lineWidth?: number } }
  const width = config.formatter?.lineWidth
  assert.equal(typeof width, 'number', 'biome.json sets formatter.lineWidth')
  return width as number
}

/** Tracked .ts, .mjs and .js files outside test/fixtures/, as paths relative to the repository root. */
function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.mjs', '*.js'], { cwd: ROOT, encoding: 'utf8' })
  return out.split('\0').filter((file) => file !== '' && !file.startsWith('test/fixtures/'))
}

/** `file:line (length)` for every line of the files longer than `width` characters. */
function longLines(files: readonly string[], width: number): string[] {
  const found: string[] = []
  for (const file of files) {
    const lines = readFileSync(resolve(ROOT, file), 'utf8').split(/\r?\n/)
    lines.forEach((line, i) => {
      if (line.length > width) found.push(`${file}:${i + 1} (${line.length})`)
    })
  }
  return found
}

test('no tracked source line is longer than the formatter line width of biome.json', () => {
  const width = lineWidth()
  const files = trackedFiles()
  assert.ok(files.length > 0)
  const found = longLines(files, width)
  // Biome wraps code but not string literals or comments: split those by hand.
  assert.equal(found.length, 0, `${found.length} lines longer than ${width} characters:\n${found.join('\n')}`)
})
