import { withoutProcessExit } from '../core/thrown.js'
import type { Dialect } from '../dialect/dialect.js'
import type { Statement } from '../dialect/types.js'
import type { Operation } from '../ops/operation.js'
import type { OperationSink, Row } from '../ops/operation-sink.js'
import { Operations } from '../ops/operations.js'
import type { ScriptDirectory } from '../script/script-directory.js'

/** Thrown by the planning sink where a live run would depend on the database. */
class NeedsDatabase extends Error {}

/**
 * The statements a step of a script sends, found without a database: the
 * script runs against a sink that compiles each operation as a live run
 * would and sends nothing, so the texts are those the journal hashed.
 * `undefined` when that cannot tell: the script reads rows (`op.query`),
 * needs a SQLite table rebuild (which reads the table), throws, or has not
 * finished after PLANNING_LIMIT_MS.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import { openProject } from '../config/project.js'
 * const scripts = await (await openProject({ directory: 'migrations' })).scripts()
 * const planned = await plannedStatements(scripts, 'ae1027a6acf0', 'upgrade', dialectNamed('mysql'), {})
 * planned?.length // how many statements its upgrade sends
 */
export async function plannedStatements(
  scripts: ScriptDirectory,
  revision: string,
  direction: 'upgrade' | 'downgrade',
  dialect: Dialect,
  x: Readonly<Record<string, string>>,
): Promise<Statement[] | undefined> {
  if (!scripts.graph.has(revision)) return undefined
  const statements: Statement[] = []
  const sink: OperationSink = {
    dialect: dialect.name,
    offline: false,
    async run(op: Operation) {
      const compiled = dialect.compiler.compile(op, 'online')
      if (compiled.kind !== 'sql') throw new NeedsDatabase()
      statements.push(...compiled.statements)
    },
    async query(): Promise<Row[]> {
      throw new NeedsDatabase()
    },
  }
  try {
    const module = await scripts.loadModule(revision)
    const op = new Operations(sink, { revision, direction, x, source: scripts.script(revision).source })
    const planned = withoutProcessExit('the script', async () => {
      await module[direction](op)
      await op.settle()
      return statements
    })
    // A script that waits for what never comes (the one that stopped its run, maybe) leaves the total untold.
    let timer: NodeJS.Timeout | undefined
    const givenUp = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), PLANNING_LIMIT_MS)
    })
    try {
      return await Promise.race([planned, givenUp])
    } finally {
      clearTimeout(timer)
    }
  } catch {
    return undefined
  }
}

/** How long a script may take to plan its statements, with nothing to wait for but itself. */
const PLANNING_LIMIT_MS = 2000
