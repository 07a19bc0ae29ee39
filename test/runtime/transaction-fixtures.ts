import { rmSync } from 'node:fs'
import { cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import type { Project, RevisionDef } from '../helpers/project.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'

/**
 * A project of two migrations on a database other cases share: the first
 * makes `counter_<tag>` holding 0, the second runs `body`. Each case has its
 * own tables and version table (`v_<tag>`), so one database serves them all.
 */
export interface Case {
  readonly tag: string
  readonly made: Project
  /** `-d DIR --url URL`. */
  readonly base: readonly string[]
  readonly second: RevisionDef
  /** Rewrites the second migration with another body, under a new file name (this process caches imported scripts). */
  fix(body: string, extra?: string): void
}

export const FIRST = 'a10000000001'
export const SECOND = 'b20000000002'

/** `await op.execute(sql)` lines of a script body. */
export function executes(...statements: readonly string[]): string {
  return statements.map((sql) => `  await op.execute(${JSON.stringify(sql)})`).join('\n')
}

export function makeCase(
  project: (graph?: readonly RevisionDef[]) => Project,
  url: string,
  tag: string,
  body: string,
  options: { firstBody?: string; extra?: string } = {},
): Case {
  const first: RevisionDef = {
    id: FIRST,
    down: null,
    ext: 'js',
    message: 'counter',
    upgrade: options.firstBody ?? executes(`CREATE TABLE counter_${tag} (n INTEGER)`, `INSERT INTO counter_${tag} VALUES (0)`),
  }
  const second: RevisionDef = {
    id: SECOND,
    down: FIRST,
    ext: 'js',
    message: 'count',
    upgrade: body,
    ...(options.extra === undefined ? {} : { extra: options.extra }),
  }
  const made = project([first, second])
  made.config(`export default { versionTable: 'v_${tag}' }\n`)
  let current = second
  return {
    tag,
    made,
    base: ['-d', made.migrations, '--url', url],
    second,
    fix(newBody, extra) {
      rmSync(made.write(current))
      current = { ...second, message: `count, fixed ${newBody.length}`, upgrade: newBody, ...(extra === undefined ? {} : { extra }) }
      made.write(current)
    },
  }
}

export async function versions(db: TestDatabase, tag: string): Promise<string[]> {
  return (await db.query(`SELECT version_num FROM v_${tag}`)).map((row) => String(row['version_num'])).sort()
}

export async function counter(db: TestDatabase, tag: string): Promise<number> {
  return Number((await db.query(`SELECT n FROM counter_${tag}`))[0]?.['n'])
}

export async function hasTable(db: TestDatabase, name: string): Promise<boolean> {
  const connection = await db.connect()
  try {
    return await connection.hasTable(name)
  } finally {
    await connection.close()
  }
}

export async function history(c: Case): Promise<HistoryRow[]> {
  return (JSON.parse((await cliOk([...c.base, 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }).entries
}
