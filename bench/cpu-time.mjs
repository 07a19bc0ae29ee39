// The CPU time a child process used, which a machine busy with other work
// does not inflate as much as the wall clock: the child is started with
// `--import` of a hook that writes it on exit, on a line of its own at the
// end of stderr.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Writes the hook into `dir`; its path, for `node --import`. */
export function cpuHook(dir) {
  const hook = join(dir, 'cpu-hook.mjs')
  writeFileSync(
    hook,
    [
      "import { writeSync } from 'node:fs'",
      "process.on('exit', () => { const u = process.cpuUsage(); writeSync(2, '\\ncpu-ms ' + (u.user + u.system) / 1000 + '\\n') })",
      '',
    ].join('\n'),
  )
  return hook
}

/** The CPU milliseconds the hook reported in a child's stderr; NaN without it. */
export function cpuMs(stderr) {
  return Number(/cpu-ms ([\d.]+)\s*$/.exec(stderr)?.[1] ?? Number.NaN)
}
