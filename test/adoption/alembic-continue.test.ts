import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { dialectNamed, openConnection } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/index.js'
import { diffHooksFor } from '../../src/dialect/registry.js'

import type { Table } from '../../src/schema/types.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { ALEMBIC_REVISIONS as R, ALEMBIC_SCRIPTS } from './alembic-history.js'
import { alembicProject, type AlembicProject } from './alembic-project.js'
import { workspace, type Workspace } from './workspace.js'

async function userTables(url: string): Promise<Table[]> {
  const connection = await openConnection(parseDatabaseUrl(url))
  try {
    const tables = await dialectNamed(connection.dialect).introspect(connection)
    return tables.filter((t) => !t.name.startsWith('alembic_version'))
  } finally {
    await connection.close()
  }
}

function versionRows(file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT version_num FROM alembic_version ORDER BY version_num').all() as { version_num: string }[]).map(
      (r) => r.version_num,
    )
  } finally {
    db.close()
  }
}

describe('continuing a database Alembic upgraded, with its versions folder converted', () => {
  let alembic: AlembicProject
  let ws: Workspace
  let base: string[]
  before(async () => {
    alembic = alembicProject(ALEMBIC_SCRIPTS)
    alembic.alembic('upgrade', 'heads')
    ws = await workspace(alembic.url, { versionTable: 'alembic_version', root: alembic.root })
    base = [...ws.base]
  })
  after(() => alembic?.cleanup())

  test('convert-alembic writes every revision with its id, parents, labels and message', async () => {
    const result = await cliOk([...base, 'convert-alembic', alembic.versions])
    const wrote = result.stderr.split('\n').filter((line) => line.startsWith('Wrote '))
    assert.equal(wrote.length, 5, result.stderr)
    assert.match(
      result.stderr,
      new RegExp(
        `${R.backfill}_backfill_emails\\.ts from .*\\(port upgrade by hand: ` +
          'line \\d+: `for \\(user_id,\\) in conn\\.execute\\(.*`: a for loop over values not known before it runs\\)',
      ),
    )
    for (const name of Object.keys(ALEMBIC_SCRIPTS))
      assert.ok(existsSync(join(ws.directory, 'versions', name.replace(/\.py$/, '.ts'))), name)

    const views = JSON.parse((await cliOk([...base, 'history', '--json'])).stdout) as {
      revision: string
      downRevisions: string[]
      branchLabels: string[]
      dependsOn: string[]
      message: string
    }[]
    const graph = Object.fromEntries(
      views.map((v) => [
        v.revision,
        { down: [...v.downRevisions].sort(), labels: v.branchLabels, dependsOn: v.dependsOn, message: v.message },
      ]),
    )
    assert.deepEqual(graph[R.initial], { down: [], labels: [], dependsOn: [], message: 'create user and progress' })
    assert.deepEqual(graph[R.email]?.down, [R.initial])
    assert.deepEqual(graph[R.audit]?.labels, ['audit'])
    assert.deepEqual(graph[R.merge]?.down, [R.email, R.audit].sort())
    assert.deepEqual(graph[R.backfill]?.down, [R.merge])
    assert.deepEqual(graph[R.backfill]?.dependsOn, [R.audit])
    assert.equal(graph[R.backfill]?.message, 'backfill emails')

    // A second run finds everything converted and writes nothing.
    const again = await cliOk([...base, 'convert-alembic', alembic.versions])
    assert.equal(again.stderr.split('\n').filter((line) => line.startsWith('Skipped ')).length, 5)
  })

  test('current reads the alembic_version row', async () => {
    assert.equal((await cliOk([...base, 'current'])).stdout, `${R.backfill} (head)\n`)
  })

  test('a new athanor revision upgrades the Alembic-made database; Alembic still reads its version table', async () => {
    const id = 'f00dcafe0001'
    const made = await cliOk([...base, 'revision', '-m', 'add nickname', '--rev-id', id])
    const path = /Generating (.+\.ts) \.\.\. done/.exec(made.stderr)![1]!
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replaceAll('(_op: Operations)', '(op: Operations)')
        .replace(
          '  // operations go here (rename _op to op), e.g. await op.addColumn(...)',
          "  await op.addColumn('User', { name: 'nickname', type: 'text' })",
        )
        .replace('  // the reverse of upgrade(), in reverse order', "  await op.dropColumn('User', 'nickname')"),
    )
    await cliOk([...base, 'upgrade'])
    assert.deepEqual(versionRows(alembic.database), [id])
    const db = new Database(alembic.database, { readonly: true })
    try {
      assert.ok((db.prepare("SELECT name FROM pragma_table_info('User')").all() as { name: string }[]).some((c) => c.name === 'nickname'))
      // The version table is still the one Alembic made: same columns, same key name.
      assert.match(
        String((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'").get() as { sql: string }).sql),
        /CONSTRAINT alembic_version_pkc PRIMARY KEY \(version_num\)/,
      )
    } finally {
      db.close()
    }

    await cliOk([...base, 'downgrade', '-1'])
    assert.match(alembic.alembic('current'), new RegExp(`^${R.backfill} \\(head\\)$`, 'm'))

    // Below the merge through the converted downgrades (the audit branch stays, a head of its
    // own): athanor leaves the rows Alembic leaves for the same downgrade, and each carries on
    // from the other's.
    await cliOk([...base, 'downgrade', R.email])
    const athanorRows = versionRows(alembic.database)
    assert.deepEqual(athanorRows, [R.email, R.audit])
    alembic.alembic('upgrade', 'heads')
    assert.equal((await cliOk([...base, 'current'])).stdout, `${R.backfill}\n`)
    alembic.alembic('downgrade', R.email)
    assert.deepEqual(versionRows(alembic.database), athanorRows)
    alembic.alembic('upgrade', 'heads')
    assert.equal((await cliOk([...base, 'current'])).stdout, `${R.backfill}\n`)
  })

  test('on a fresh database the converted scripts build what Alembic built, up to the body left to port', async () => {
    const fresh = `sqlite:///${join(alembic.root, 'fresh.db')}`
    await cliOk([...base, '--url', fresh, 'upgrade', R.merge])
    // The Alembic-made database is at the backfill now, which changed rows, not the schema.
    const ops = await autogenerate(await userTables(alembic.url), await userTables(fresh), {
      hooks: diffHooksFor('sqlite'),
      include: (t) => !t.name.startsWith('alembic_version'),
    })
    assert.deepEqual(ops, [])
    const failed = await cli([...base, '--url', fresh, 'upgrade'])
    assertCleanError(failed, R.backfill, 'must be ported to TypeScript by hand', 'only a fresh database runs it')
  })
})
