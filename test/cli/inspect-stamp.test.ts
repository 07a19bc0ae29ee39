import assert from 'node:assert/strict'
import { join } from 'node:path'
import { before, describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { chain, migrationLog, tableNames, versionRows, type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

/** A ← B ← C; B ← D (labelled `feature`) ← E, and E also depends on C. */
const GRAPH: RevisionDef[] = [
  { id: 'aaaa00000001', down: null, message: 'create accounts' },
  { id: 'bbbb00000002', down: 'aaaa00000001', ext: 'js', message: 'add users' },
  { id: 'cccc00000003', down: 'bbbb00000002', message: 'add orders' },
  { id: 'dddd00000004', down: 'bbbb00000002', labels: ['feature'], ext: 'js', message: 'feature start' },
  { id: 'eeee00000005', down: 'dddd00000004', dependsOn: ['cccc00000003'], message: 'feature end' },
]
const [A, B, C, D, E] = GRAPH.map((def) => def.id) as [string, string, string, string, string]

interface View {
  revision: string
  downRevisions: string[]
  dependsOn: string[]
  branchLabels: string[]
  nextRevisions: string[]
  message: string
  path: string
  isHead: boolean
  isBranchPoint: boolean
  isMergePoint: boolean
  isCurrent: boolean
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '')

describe('current, history, heads, branches, show', () => {
  let made: Project
  before(async () => {
    made = project(GRAPH)
    await cliOk([...made.base, 'upgrade', 'heads'])
  })

  test('current prints the version rows; -v the full block with the URL', async () => {
    assert.deepEqual(versionRows(made.dbPath), [E])
    assert.equal((await cliOk([...made.base, 'current'])).stdout, `${E} (head)\n`)
    const verbose = (await cliOk([...made.base, 'current', '-v'])).stdout
    assert.match(verbose, new RegExp(`^Current revision\\(s\\) for ${made.url.replace(/[/.]/g, '\\$&')}:`))
    assert.match(verbose, new RegExp(`^Rev: ${E} \\(head\\)$`, 'm'))
    assert.match(verbose, new RegExp(`^Parent: ${D}$`, 'm'))
    assert.match(verbose, new RegExp(`^Also depends on: ${C}$`, 'm'))
    assert.match(verbose, /^ {4}feature end$/m)
  })

  test('current --json', async () => {
    const result = JSON.parse((await cliOk([...made.base, 'current', '--json'])).stdout) as {
      databases: { url: string; revisions: View[]; invalidIndexes: unknown[] }[]
    }
    assert.equal(result.databases.length, 1)
    assert.equal(result.databases[0]!.url, made.url)
    // An interrupted SQLite CREATE INDEX leaves nothing behind.
    assert.deepEqual(result.databases[0]!.invalidIndexes, [])
    assert.deepEqual(
      result.databases[0]!.revisions.map((view) => [view.revision, view.downRevisions, view.dependsOn, view.message]),
      [[E, [D], [C], 'feature end']],
    )
  })

  test('current --json marks the revisions it lists as current; the text does not', async () => {
    const result = JSON.parse((await cliOk([...made.base, 'current', '--json'])).stdout) as { databases: { revisions: View[] }[] }
    assert.deepEqual(
      result.databases[0]!.revisions.map((view) => [view.revision, view.isCurrent]),
      [[E, true]],
    )
    assert.doesNotMatch((await cliOk([...made.base, 'current'])).stdout, /\(current\)/)
    assert.doesNotMatch((await cliOk([...made.base, 'current', '-v'])).stdout, /\(current\)/)
  })

  test('history lists heads to base with markers, in Alembic wording', async () => {
    assert.deepEqual(lines((await cliOk([...made.base, 'history'])).stdout), [
      `${D} (${C}) -> ${E} (feature) (head), feature end`,
      `${B} -> ${D} (feature), feature start`,
      `${B} -> ${C} (head), add orders`,
      `${A} -> ${B} (branchpoint), add users`,
      `<base> -> ${A}, create accounts`,
    ])
  })

  test('history -i marks (current)', async () => {
    const out = lines((await cliOk([...made.base, 'history', '-i'])).stdout)
    assert.equal(out[0], `${D} (${C}) -> ${E} (feature) (head) (current), feature end`)
    assert.equal(out.filter((line) => line.includes('(current)')).length, 1)
  })

  test('history -r ranges: ids, partial ids, base:, current:, -1:', async () => {
    const ids = async (range: string) =>
      lines((await cliOk([...made.base, 'history', '-r', range])).stdout).map((line) => /-> ([0-9a-z]+)/.exec(line)?.[1])
    assert.deepEqual(await ids(`${B}:${D}`), [D, B])
    assert.deepEqual(await ids('aaaa:bbbb'), [B, A])
    assert.deepEqual(await ids(':bbbb'), [B, A])
    assert.deepEqual(await ids(`${D}:`), [E, D])
    assert.deepEqual(await ids('current:'), [E])
    assert.deepEqual(await ids('-1:'), [E, D])
  })

  test('history -v prints one block per revision with its path', async () => {
    const out = (await cliOk([...made.base, 'history', '-v', '-r', `${B}:${D}`])).stdout
    const revs = [...out.matchAll(/^Rev: (\S+)(.*)$/gm)].map((match) => `${match[1]}${match[2]}`)
    assert.deepEqual(revs, [D, `${B} (branchpoint)`])
    assert.match(out, new RegExp(`^Branches into: ${C}, ${D}$`, 'm'))
    assert.match(out, new RegExp(`^Path: ${join(made.versions, `${D}_feature_start.js`).replace(/[/.]/g, '\\$&')}$`, 'm'))
    assert.match(out, /^ {4}Create Date: 2026-01-01T00:00:00Z$/m)
  })

  test('history --json', async () => {
    const views = JSON.parse((await cliOk([...made.base, 'history', '--json', '-i'])).stdout) as View[]
    assert.deepEqual(
      views.map((view) => view.revision),
      [E, D, C, B, A],
    )
    assert.deepEqual(
      views.filter((view) => view.isCurrent).map((view) => view.revision),
      [E],
    )
    assert.deepEqual(
      views.filter((view) => view.isBranchPoint).map((view) => view.revision),
      [B],
    )
    assert.deepEqual(
      views
        .find((view) => view.revision === B)
        ?.nextRevisions.slice()
        .sort(),
      [C, D],
    )
  })

  test('heads, heads -v, heads --json', async () => {
    assert.deepEqual(lines((await cliOk([...made.base, 'heads'])).stdout).sort(), [`${C} (head)`, `${E} (feature) (head)`])
    const verbose = (await cliOk([...made.base, 'heads', '-v'])).stdout
    assert.deepEqual([...verbose.matchAll(/^Rev: (\S+)/gm)].map((match) => match[1]).sort(), [C, E])
    const views = JSON.parse((await cliOk([...made.base, 'heads', '--json'])).stdout) as View[]
    assert.deepEqual(views.map((view) => view.revision).sort(), [C, E])
    assert.ok(views.every((view) => view.isHead))
  })

  test('branches lists the branch point and where it leads; --json too', async () => {
    const out = lines((await cliOk([...made.base, 'branches'])).stdout)
    assert.equal(out[0], `${B} (branchpoint)`)
    assert.deepEqual(
      out
        .slice(1)
        .map((line) => line.trim())
        .sort(),
      [`-> ${C}`, `-> ${D}`],
    )
    const views = JSON.parse((await cliOk([...made.base, 'branches', '--json'])).stdout) as View[]
    assert.deepEqual(
      views.map((view) => view.revision),
      [B],
    )
    assert.deepEqual(views[0]!.nextRevisions.slice().sort(), [C, D])
  })

  test('show takes partial and symbolic revisions; --json', async () => {
    const out = (await cliOk([...made.base, 'show', 'dddd'])).stdout
    assert.match(out, new RegExp(`^Rev: ${D}$`, 'm'))
    assert.match(out, new RegExp(`^Parent: ${B}$`, 'm'))
    assert.match(out, /^Branch names: feature$/m)
    assert.match(out, /^ {4}feature start$/m)
    const viaLabel = JSON.parse((await cliOk([...made.base, 'show', 'feature@head', '--json'])).stdout) as View[]
    assert.deepEqual(
      viaLabel.map((view) => [view.revision, view.path]),
      [[E, join(made.versions, `${E}_feature_end.ts`)]],
    )
    // As Alembic: the `heads` target means the real heads, so C, which E depends
    // on, is left out here while the `heads` command lists it.
    const heads = JSON.parse((await cliOk([...made.base, 'show', 'heads', '--json'])).stdout) as View[]
    assert.deepEqual(
      heads.map((view) => view.revision),
      [E],
    )
  })

  test('an empty database is at base', async () => {
    const fresh = project(GRAPH)
    const result = await cliOk([...fresh.base, 'current'])
    assert.equal(result.stdout, '')
    assert.match(result.stderr, /at base/)
    assert.deepEqual(JSON.parse((await cliOk([...fresh.base, 'current', '--json'])).stdout).databases[0].revisions, [])
  })
})

describe('stamp', () => {
  test('stamp one revision writes the row and runs nothing', async () => {
    const made = project(chain(['s1a2b3c4d5e6', 's2a2b3c4d5e6', 's3a2b3c4d5e6']))
    const result = await cliOk([...made.base, 'stamp', 's2a2'])
    assert.deepEqual(versionRows(made.dbPath), ['s2a2b3c4d5e6'])
    assert.deepEqual(tableNames(made.dbPath), ['athanor_version'])
    assert.match(result.stderr, /Stamped s2a2b3c4d5e6 \(was base\)/)
    // Upgrading from the stamp runs only what comes after it.
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(migrationLog(made.dbPath), ['s3a2b3c4d5e6:up'])
    await cliOk([...made.base, 'stamp', 'base'])
    assert.deepEqual(versionRows(made.dbPath), [])
  })

  test('stamp several revisions gives one row each; stamp head of a branch moves only it', async () => {
    const made = project(GRAPH)
    await cliOk([...made.base, 'stamp', C, D])
    assert.deepEqual(versionRows(made.dbPath), [C, D])
    await cliOk([...made.base, 'stamp', 'feature@head'])
    assert.deepEqual(versionRows(made.dbPath), [E])
    assert.deepEqual(migrationLog(made.dbPath), [])
  })

  test('stamp from a row that depends on another branch down to both parents', async () => {
    const made = project(GRAPH)
    await cliOk([...made.base, 'stamp', E])
    const result = await cli([...made.base, 'stamp', C, D])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(versionRows(made.dbPath), [C, D])
  })

  test('stamp --purge replaces whatever rows are there', async () => {
    const made = project(GRAPH)
    await cliOk([...made.base, 'stamp', C, D])
    await cliOk([...made.base, 'stamp', '--purge', A])
    assert.deepEqual(versionRows(made.dbPath), [A])
  })
})
