import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../core/package-root.js'
import { AthanorError, errorCodeInfo } from '../core/errors.js'
import type { CommandOptions } from '../config/project.js'
import { GLOBAL_OPTIONS, parseArgs, parseXArguments, type OptionSpec } from './argv.js'
import { info, out, type CliIo } from './io.js'
import { colourWanted, styledStream } from './styled-stream.js'
import { VERBS, type Verb, type VerbArgs } from './verbs.js'
import { passwordInUrl, redactUrl, scrubSecrets } from '../core/database-url.js'
import { describeThrown, handOverStrayFailure, runningStep } from '../core/thrown.js'

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

function optionLines(specs: readonly OptionSpec[]): string[] {
  return specs.map((spec) => {
    const names = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ' VALUE' : ''}`
    return `  ${names.padEnd(28)} ${spec.description}`
  })
}

function generalHelp(): string {
  const verbs = Object.entries(VERBS).map(([name, verb]) => `  ${name.padEnd(12)} ${verb.summary}`)
  return [
    'usage: athanor [global options] <command> [options]',
    '',
    "Schema migrations for TypeScript: Alembic's model, natively for Node.",
    '',
    'commands:',
    ...verbs,
    '',
    'global options (before or after the command):',
    ...optionLines(GLOBAL_OPTIONS),
    '      --version                show the version',
    '',
    "Database URL: --url, else DATABASE_URL, else the config's url. Run 'athanor <command> --help' for a command's options.",
  ].join('\n')
}

/** The status for an error that is not an athanor error (a bug, or a code from a newer copy). */
const UNEXPECTED_ERROR_EXIT = 1

/** The status of a usage error (ERROR_CODES gives it to every usage code), and of `athanor` with no command. */
const USAGE_EXIT = 2

/**
 * Runs the CLI and returns its exit status: 0 on success; on an error, the
 * status its code has in ERROR_CODES (2 for a usage error, 1 for a failure)
 * or the verb's own (`check` and `status` exit 2 on any error), the error
 * printed as one line (with the stack only under `--verbose`).
 *
 * @example
 * process.exitCode = await main(['upgrade', '--sql'])
 */
export async function main(
  argv: readonly string[],
  given: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  ignoreClosedPipe(given.stdout)
  ignoreClosedPipe(given.stderr)
  const verboseRequested = argv.includes('--verbose')
  // Stacks shown point at the TypeScript lines users wrote; off otherwise, as Node parsing a map per script is not free.
  if (verboseRequested) process.setSourceMapsEnabled(true)
  // Read before parsing, as --verbose is, so that an argv that fails to parse is reported the same way.
  const quiet = argv.includes('--quiet') || argv.includes('-q')
  const colour = colourWanted(given.stderr, given.env)
  // Errors and the lines that end them are never quieted.
  const errors: CliIo = { ...given, stderr: styledStream(given.stderr, { quiet: false, colour }) }
  const io: CliIo = quiet ? { ...given, stderr: styledStream(given.stderr, { quiet, colour }) } : errors
  let url: string | undefined
  let verb: Verb | undefined
  let args: VerbArgs | undefined
  try {
    if (argv.length === 1 && argv[0] === '--version') {
      out(io, version())
      return 0
    }
    const parsed = parseArgs(argv, (verb) => VERBS[verb]?.options)
    url = typeof parsed.options['url'] === 'string' ? parsed.options['url'] : io.env['DATABASE_URL']
    if (parsed.verb === undefined) {
      out(io, generalHelp())
      return parsed.options['help'] === true ? 0 : USAGE_EXIT
    }
    verb = VERBS[parsed.verb]
    if (!verb) throw new AthanorError('UNKNOWN_COMMAND', `unknown command '${parsed.verb}'; run 'athanor --help' for the list`)
    if (parsed.options['help'] === true) {
      out(
        io,
        [
          `usage: athanor ${verb.usage}`,
          '',
          verb.summary,
          '',
          'options:',
          ...optionLines(verb.options),
          ...optionLines(GLOBAL_OPTIONS),
        ].join('\n'),
      )
      return 0
    }
    const get = (name: string) => (typeof parsed.options[name] === 'string' ? (parsed.options[name] as string) : undefined)
    const directory = get('directory')
    const config = get('config')
    const tag = get('tag')
    const db = get('db')
    const common: CommandOptions = {
      ...(db ? { db } : {}),
      ...(directory ? { directory } : {}),
      ...(get('url') ? { url: get('url')! } : {}),
      ...(config ? { config } : {}),
      ...(tag ? { tag } : {}),
      x: parseXArguments((parsed.options['x'] as readonly string[] | undefined) ?? []),
      env: io.env,
    }
    args = { positionals: parsed.positionals, options: parsed.options, common, io }
    return await verb.run(args)
  } catch (error) {
    const secretFree = (text: string) => scrubSecrets(text, url ? passwordOf(url) : undefined)
    if (verboseRequested && error instanceof Error && error.stack) info(errors, secretFree(error.stack))
    const message = error instanceof AthanorError ? error.message : describeThrown(error)
    const line =
      error instanceof AthanorError ? message : `unexpected error: ${message}${verboseRequested ? '' : ' (run with --verbose for details)'}`
    info(errors, `error: ${secretFree(line)}`)
    const status = (error instanceof AthanorError ? errorCodeInfo(error.code)?.exit : undefined) ?? UNEXPECTED_ERROR_EXIT
    // Not after a connection failure: reading the database again would only wait out the same timeout.
    // Nor after a URL refused: nothing was opened, and the database it names may not be the one meant.
    const reachable = !(error instanceof AthanorError && (error.code === 'CONNECTION_FAILED' || error.code === 'INVALID_URL'))
    if (verb?.afterFailure && args && status !== USAGE_EXIT && reachable)
      await verb.afterFailure({ ...args, io: errors }).catch(() => undefined)
    return verb?.errorExit ?? status
  }
}

const guarded = new WeakSet<object>()

/**
 * `athanor history | head`: once the reader closes the pipe, a write fails
 * with EPIPE, which Node raises as an unhandled 'error' event with a stack.
 * The output nobody reads is dropped instead; the command itself carries on
 * (a live upgrade must not stop midway because a pager was closed).
 */
function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  if (guarded.has(stream)) return
  guarded.add(stream)
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}

/** The password of a URL given on the command line, to scrub from any output. */
function passwordOf(url: string): { password: string } | undefined {
  const password = passwordInUrl(url)
  return password ? { password } : undefined
}

/**
 * A script's timer that throws, or a promise it started and did not await
 * that rejects, fails outside the run's own await, where Node would print
 * its stack and exit. While a run can still fail a migration with it, the
 * run does (see StepGuard.watchStrayFailures): the migration is rolled back
 * like any failing one and the command ends with its usual lines. Otherwise
 * (an offline `--sql` run, or no run at all) it ends the process here: one
 * line naming the migration running, if any, and exit status 1.
 *
 * @example
 * exitOnStrayFailure({ stdout: process.stdout, stderr: process.stderr, env: process.env })
 */
export function exitOnStrayFailure(io: CliIo): void {
  // Taken now: while a script runs, process.exit is turned into a throw.
  const exit = process.exit.bind(process)
  const fail = (value: unknown) => {
    if (handOverStrayFailure(value)) return
    const step = runningStep()
    const where = step === undefined ? 'a migration script' : `${step.direction} of revision ${step.revision} (${step.source})`
    const outcome = step === undefined ? '' : '; it was not committed'
    info(io, `error: ${redactUrl(`${where} failed outside its await: ${describeThrown(value)}`)}${outcome}`)
    exit(errorCodeInfo('MIGRATION_FAILED')?.exit ?? 1)
  }
  process.on('uncaughtException', fail)
  process.on('unhandledRejection', fail)
}
