import type { RevisionDef } from '../helpers/project.js'

/**
 * The variable the test scripts read, `REVISION:N`: the runner kills itself
 * (SIGKILL, nothing runs after) once statement N of that revision's script
 * has completed; `REVISION:0` before its first. Only these test scripts
 * read it, and only a runner spawned with it set dies.
 */
export const KILL_AFTER = 'ATHANOR_TEST_KILL_AFTER'

/**
 * A `.js` migration whose upgrade runs `statements` one `op.execute` each,
 * with the kill hook before the first and after every one.
 */
export function killableScript(def: {
  readonly id: string
  readonly down: string | null
  readonly statements: readonly string[]
  readonly downgrade?: readonly string[]
  readonly message?: string
}): RevisionDef {
  const hook = (n: number) => `  if (process.env['${KILL_AFTER}'] === '${def.id}:${n}') process.kill(process.pid, 'SIGKILL')`
  const lines = [hook(0)]
  for (const [index, sql] of def.statements.entries()) lines.push(`  await op.execute(${JSON.stringify(sql)})`, hook(index + 1))
  return {
    id: def.id,
    down: def.down,
    ext: 'js',
    ...(def.message === undefined ? {} : { message: def.message }),
    upgrade: lines.join('\n'),
    downgrade: (def.downgrade ?? []).map((sql) => `  await op.execute(${JSON.stringify(sql)})`).join('\n'),
  }
}
