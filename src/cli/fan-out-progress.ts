import type { FanOutProgress, TenantResult } from '../command/all-databases.js'
import { describeStep } from '../revision/describe-step.js'
import type { CliIo } from './io.js'
import { finishedLine } from './fan-out-table.js'

/** Redraws at most this often: a thousand tenants of twenty steps each would otherwise redraw twenty thousand times. */
const REDRAW_MS = 100

/**
 * What `--all` shows while it runs, on stderr. On a terminal, a live table:
 * a count line and one line per database running, with its step and time,
 * redrawn in place; a failed database's line stays above it. Elsewhere
 * (a log, a pipe), one plain line per database as it finishes.
 *
 * @example
 * const progress = fanOutProgress({ stdout: process.stdout, stderr: process.stderr, env: process.env })
 * await upgradeAll({ directory: 'migrations', parallel: 8, progress })
 * progress.close() // clears the live table before the final one is printed
 */
export function fanOutProgress(io: CliIo): FanOutProgress & { close(): void } {
  const stream = io.stderr
  const started = performance.now()
  if (stream.isTTY !== true) {
    return {
      started: () => undefined,
      finished: (result, done, total) => stream.write(`[${done}/${total}] ${finishedLine(result)}\n`),
      close: () => undefined,
    }
  }
  const running = new Map<string, { since: number; step: string }>()
  const counts = new Map<string, number>()
  let finished = 0
  let total = 0
  let drawnLines = 0
  let lastDraw = 0
  const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`
  const clear = () => {
    if (drawnLines > 0) stream.write(`\x1b[${drawnLines}A\r\x1b[J`)
    drawnLines = 0
  }
  const draw = (force: boolean) => {
    const now = performance.now()
    if (!force && now - lastDraw < REDRAW_MS) return
    lastDraw = now
    const width = (stream.columns || 100) - 1
    const tally = [...counts].map(([status, count]) => `${count} ${status}`).join(', ')
    const lines = [`[${finished}/${total || '?'}] ${tally || 'starting'}; ${running.size} running; ${seconds(started)}`]
    for (const [name, one] of running) lines.push(`  ${name}  ${one.step}  ${seconds(one.since)}`)
    clear()
    stream.write(`${lines.map((line) => line.slice(0, width)).join('\n')}\n`)
    drawnLines = lines.length
  }
  return {
    started(name) {
      const one = { since: performance.now(), step: 'reading its version' }
      running.set(name, one)
      draw(false)
      return {
        stepStarted(step, index, count, message) {
          one.step = `[${index + 1}/${count}] ${describeStep(step, message)}`
          draw(false)
        },
        stepFinished() {},
        waiting(message) {
          one.step = message
          draw(true)
        },
      }
    },
    finished(result: TenantResult, done, all) {
      running.delete(result.database)
      finished = done
      total = all
      counts.set(result.status, (counts.get(result.status) ?? 0) + 1)
      if (result.status === 'failed') {
        clear()
        stream.write(`${finishedLine(result)}\n`)
      }
      draw(done === all)
    },
    close: clear,
  }
}
