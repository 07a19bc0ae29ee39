import type { RunReporter } from '../command/upgrade.js'
import { describeStep } from '../revision/describe-step.js'

/**
 * Plain lines, one per migration, for logs and pipes; on a terminal, one
 * line that counts up (`[12/1000] add email … 3.1 s`) for long runs.
 */
export function streamReporter(stream: NodeJS.WriteStream): RunReporter {
  const tty = stream.isTTY === true
  const runStarted = performance.now()
  let lastMessage = ''
  // With several databases every line names the one it is about.
  let prefix = ''
  return {
    database(name) {
      prefix = `${name}: `
    },
    stepStarted(step, index, total, message) {
      lastMessage = prefix + describeStep(step, message)
      if (!tty) stream.write(`${lastMessage}\n`)
      else {
        const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1)
        const line = `[${index + 1}/${total}] ${lastMessage} (${elapsed} s)`
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`)
      }
    },
    notice(line) {
      stream.write(tty ? `\r\x1b[2K${prefix}${line}\n` : `${prefix}${line}\n`)
    },
    // Only a terminal gets the moving count; a log would fill with it.
    ...(tty
      ? {
          progress(label: string, done: number, total: number) {
            stream.write(`\r\x1b[2K${label}: ${done} of ${total} rows copied`)
          },
        }
      : {}),
    waiting(message) {
      stream.write(tty ? `\r\x1b[2K${prefix}${message}\n` : `${prefix}${message}\n`)
    },
    stepFinished(step, index, total) {
      if (tty && index + 1 === total) {
        const elapsed = ((performance.now() - runStarted) / 1000).toFixed(1)
        const done = step.direction === 'downgrade' ? 'reverted' : 'applied'
        stream.write(`\r\x1b[2K${prefix}${total} migration${total === 1 ? '' : 's'} ${done} in ${elapsed} s\n`)
      }
    },
  }
}
