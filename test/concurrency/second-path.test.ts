import assert from 'node:assert/strict'
import { linkSync, symlinkSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { runBin } from '../helpers/cli.js'
import { type Project, temporaryProjects } from '../helpers/project.js'

// Two runners that reach one SQLite file by different paths must not both
// apply the chain: a symlink or a relative path meets the same lock file;
// a hard link holds another lock file, but the run re-reads the version rows
// under SQLite's own write lock and stops when another run moved them.

const project = temporaryProjects()
const IDS = ['r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07', 'r08', 'r09']

/** A chain whose every step adds one to a counter after some real work, so runs overlap. */
function counterChain(made: Project): void {
  for (const [i, id] of IDS.entries()) {
    const first = i === 0
    made.writeRaw(
      `${id}_count.js`,
      [
        `export const revision = '${id}'`,
        `export const downRevision = ${first ? 'null' : `'${IDS[i - 1]}'`}`,
        'export const branchLabels = null',
        'export const dependsOn = null',
        'export async function upgrade(op) {',
        first ? "  await op.execute('CREATE TABLE counter (n INTEGER NOT NULL)')" : '',
        first ? "  await op.execute('INSERT INTO counter VALUES (0)')" : '',
        `  await op.execute('CREATE TABLE t_${id} AS ' +`,
        "    'WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 150000) SELECT i FROM k')",
        "  await op.execute('UPDATE counter SET n = n + 1')",
        '}',
        'export async function downgrade() {}',
        '',
      ].join('\n'),
    )
  }
}

const ways = {
  'a symlink': (made: Project) => {
    const link = join(made.root, 'link.db')
    symlinkSync(made.dbPath, link)
    return link
  },
  'a hard link': (made: Project) => {
    // SQLite needs the file to exist to link it: an empty file is an empty database.
    new Database(made.dbPath).close()
    const link = join(made.root, 'hard.db')
    linkSync(made.dbPath, link)
    return link
  },
  'a relative path': (made: Project) => relative(made.root, made.dbPath),
} as const

describe('two runners on one SQLite file through two paths', () => {
  for (const [way, otherPath] of Object.entries(ways)) {
    test(`${way}: every migration applied once, the version table at head`, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const made = project()
        counterChain(made)
        const other = otherPath(made)
        // sqlite:///rel.db is relative to the working directory, sqlite:////abs.db absolute.
        const url = (path: string) => `sqlite:///${path}`
        const runs = await Promise.all(
          [made.dbPath, other].map((path) => runBin(['-d', made.migrations, '--url', url(path), 'upgrade', 'head'], { cwd: made.root })),
        )
        for (const run of runs) {
          if (run.status === 0) continue
          // The runner that found the rows moved under it stops, saying so in one line.
          assert.match(run.stderr, /the version table changed under this run/, run.stderr)
          assert.equal(
            run.stderr
              .trim()
              .split('\n')
              .filter((line) => line.startsWith('error')).length,
            1,
            run.stderr,
          )
        }
        const db = new Database(made.dbPath, { readonly: true })
        assert.deepEqual(db.prepare('SELECT n FROM counter').raw().all(), [[IDS.length]], 'each migration ran once')
        assert.deepEqual(db.prepare('SELECT version_num FROM athanor_version').raw().all(), [['r09']])
        db.close()
      }
    })
  }
})
