import { withoutProcessExit } from '../core/thrown.js'
import type { Dialect } from '../dialect/dialect.js'
import type { Operation } from '../ops/operation.js'
import type { OperationSink, Row } from '../ops/operation-sink.js'
import { Operations } from '../ops/operations.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'

/** What a script is told about the run it is rendered for: `-x` arguments and the tag. */
export interface RenderContext {
  readonly x: Readonly<Record<string, string>>
  readonly tag?: string
}

/**
 * The SQL statements a step's script issues, found by running the script
 * against a sink that compiles each operation for the dialect and keeps the
 * text instead of executing it. The script sees `op.isOffline` true, as in
 * `--sql` mode, so one that reads rows with `op.query()` cannot be rendered
 * and this throws (OFFLINE_QUERY), as does a script that throws itself. A
 * table rebuild (SQLite) contributes no statements.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import type { PlanStep } from '../revision/types.js'
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * declare const scripts: ScriptDirectory
 * declare const step: PlanStep
 * const statements = await renderStepStatements(dialectNamed('postgresql'), scripts, step, { x: {} })
 * // e.g. ['CREATE INDEX CONCURRENTLY ix_items_name ON items (name)']
 */
export async function renderStepStatements(
  dialect: Dialect,
  scripts: ScriptDirectory,
  step: PlanStep,
  context: RenderContext,
): Promise<string[]> {
  const module = await scripts.loadModule(step.revision)
  const statements: string[] = []
  const sink: OperationSink = {
    dialect: dialect.name,
    offline: true,
    async run(op: Operation) {
      // 'online': the statements a live run executes, which may differ from the --sql text.
      const compiled = dialect.compiler.compile(op, 'online')
      if (compiled.kind === 'sql') statements.push(...compiled.statements.map((statement) => statement.sql))
    },
    async query(): Promise<Row[]> {
      // Operations.query refuses first, naming the script; this is the backstop.
      throw new Error('rendering a script reads no rows')
    },
  }
  const op = new Operations(sink, {
    revision: step.revision,
    direction: step.direction,
    x: context.x,
    source: scripts.script(step.revision).source,
    ...(context.tag === undefined ? {} : { tag: context.tag }),
  })
  await withoutProcessExit('the script', async () => {
    await module[step.direction](op)
    await op.settle()
  })
  return statements
}
