import { AthanorError } from '../core/errors.js'

/** How one option is spelled and whether it takes a value. */
export interface OptionSpec {
  readonly name: string
  readonly short?: string
  readonly value?: boolean
  readonly repeatable?: boolean
  readonly description: string
}

export interface ParsedArgs {
  readonly verb?: string
  readonly positionals: readonly string[]
  readonly options: Readonly<Record<string, string | boolean | readonly string[]>>
}

/**
 * Options that every verb takes, before or after the verb
 * (`athanor -d db upgrade` and `athanor upgrade -d db` are the same).
 */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'directory', short: 'd', value: true, description: "the migrations folder (default: the config's, found upward)" },
  { name: 'url', value: true, description: 'the database URL (over DATABASE_URL and the config)' },
  {
    name: 'config',
    short: 'c',
    value: true,
    description: 'the config file (default: athanor.config.ts or migrations/athanor.config.ts, here or in a folder above)',
  },
  { name: 'db', value: true, description: "with several databases, work on this one only (default: all, in the config's order)" },
  { name: 'x', short: 'x', value: true, repeatable: true, description: 'key=value handed to the scripts as op.x (repeatable)' },
  { name: 'verbose', description: 'show stack traces of errors' },
  { name: 'quiet', short: 'q', description: 'print only errors and warnings on stderr (results and --json still on stdout)' },
  { name: 'help', short: 'h', description: 'show help' },
]

/**
 * Parses argv against the global options and the verb's own. Unknown options
 * are an error naming the option and the verb, not silently ignored.
 */
export function parseArgs(argv: readonly string[], verbOptions: (verb: string) => readonly OptionSpec[] | undefined): ParsedArgs {
  const options: Record<string, string | boolean | string[]> = {}
  const positionals: string[] = []
  let verb: string | undefined
  let specs: readonly OptionSpec[] = GLOBAL_OPTIONS

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1))
      break
    }
    const option = matchOption(arg, specs)
    if (!option) {
      // A leading '-' followed by a digit is a relative target (`downgrade -1`).
      if (arg.startsWith('-') && arg !== '-' && !/^-\d+$/.test(arg)) {
        throw new AthanorError(
          'UNKNOWN_OPTION',
          `unknown option ${arg}${verb ? ` for '${verb}'` : ''}; see 'athanor ${verb ?? ''} --help'`.replace('  ', ' '),
        )
      }
      if (verb === undefined) {
        verb = arg
        specs = [...GLOBAL_OPTIONS, ...(verbOptions(arg) ?? [])]
      } else positionals.push(arg)
      continue
    }
    const { spec, inlineValue } = option
    let value: string | boolean = true
    if (spec.value) {
      if (inlineValue !== undefined) value = inlineValue
      else {
        const next = argv[index + 1]
        if (next === undefined) throw new AthanorError('MISSING_OPTION_VALUE', `option --${spec.name} needs a value`)
        value = next
        index++
      }
    } else if (inlineValue !== undefined) {
      throw new AthanorError('UNEXPECTED_OPTION_VALUE', `option --${spec.name} takes no value`)
    }
    if (spec.repeatable) {
      const list = (options[spec.name] as string[] | undefined) ?? []
      list.push(String(value))
      options[spec.name] = list
    } else options[spec.name] = value
  }
  return { ...(verb === undefined ? {} : { verb }), positionals, options }
}

function matchOption(arg: string, specs: readonly OptionSpec[]): { spec: OptionSpec; inlineValue?: string } | undefined {
  if (arg.startsWith('--')) {
    const [name, inlineValue] = splitEquals(arg.slice(2))
    const spec = specs.find((candidate) => candidate.name === name)
    return spec ? { spec, ...(inlineValue === undefined ? {} : { inlineValue }) } : undefined
  }
  if (arg.startsWith('-') && arg.length >= 2 && !/^-\d/.test(arg)) {
    const spec = specs.find((candidate) => candidate.short === arg[1])
    if (!spec) return undefined
    // -mMESSAGE and -m MESSAGE both work, as with argparse.
    return arg.length > 2 ? (spec.value ? { spec, inlineValue: arg.slice(2) } : undefined) : { spec }
  }
  return undefined
}

function splitEquals(text: string): [string, string?] {
  const at = text.indexOf('=')
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)]
}

/** `-x key=value` pairs as a record; a pair without `=` is an error naming it. */
export function parseXArguments(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new AthanorError('INVALID_X_ARGUMENT', `-x ${pair}: expected key=value`)
    result[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return result
}
