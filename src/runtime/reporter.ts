import type { PlanStep } from '../revision/types.js'
import { describeStep } from './run-plan.js'

/** Hears about progress through a plan; the CLI prints it, the API may log it. */
export interface RunReporter {
  stepStarted(step: PlanStep, index: number, total: number, message: string): void
  stepFinished(step: PlanStep, index: number, total: number, elapsedMs: number): void
}

export const silentReporter: RunReporter = {
  stepStarted() {},
  stepFinished() {},
}

/**
 * Plain lines, one per migration, for logs and pipes; on a terminal, one
 * line that counts up (`[12/1000] add email … 3.1 s`) for long runs.
 */
export function streamReporter(stream: NodeJS.WriteStream): RunReporter {
  const tty = stream.isTTY === true
  const runStarted = performance.now()
  let lastMessage = ''
  return {
    stepStarted(step, index, total, message) {
      lastMessage = describeStep(step, message)
      if (!tty) stream.write(`${lastMessage}\n`)
      else {
        const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1)
        const line = `[${index + 1}/${total}] ${lastMessage} (${elapsed} s)`
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`)
      }
    },
    stepFinished(_step, index, total) {
      if (tty && index + 1 === total) {
        const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1)
        stream.write(`\r\x1b[2K${total} migration${total === 1 ? '' : 's'} applied in ${elapsed} s\n`)
      }
    },
  }
}
