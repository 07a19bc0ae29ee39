import type { FanOutOptions } from '../../command/all-databases.js'
import type { LintAllOptions, LintAllReport, LintReport, LintSeverity } from '../../command/lint.js'
import { AthanorError } from '../../core/errors.js'
import { DIALECT_URLS, type DialectName } from '../../core/dialect-name.js'
import { allOptions, countsLine, fanOutArgs, refuseFailedTenants } from '../all-databases.js'
import { fanOutProgress } from '../fan-out-progress.js'
import { info, out } from '../io.js'
import { lintAllJson, lintAllText } from '../lint/all.js'
import { githubReport } from '../lint/github.js'
import { jsonReport } from '../lint/json.js'
import { sarifReport } from '../lint/sarif.js'
import { textReport } from '../lint/text.js'
import { timeoutArgs, timeoutOptions } from '../timeout-options.js'
import { at, json, str, type Verb, type VerbArgs } from './shared.js'

const FORMATS: Readonly<Record<string, (report: LintReport, cwd: string) => string>> = {
  text: textReport,
  json: jsonReport,
  github: githubReport,
  sarif: sarifReport,
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AthanorError('INVALID_OPTION', `--${option} must be ${allowed.map((a) => `'${a}'`).join(', ')}, not '${value}'`)
  }
  return value as T
}

/** `lint --all`: the tenants' findings in text or JSON; exit 1 on a finding at `failOn`, after any failed tenant fails it. */
async function lintTenants(
  { atOrAbove, lintAll }: typeof import('../../command/lint.js'),
  args: VerbArgs,
  chosen: LintAllOptions,
  fan: FanOutOptions,
  format: string,
  failOn: LintSeverity,
): Promise<number> {
  if (format !== 'text' && format !== 'json') {
    throw new AthanorError(
      'INVALID_OPTION',
      `--all writes --format text or json, not '${format}': lint one database with --url for ${format}`,
    )
  }
  if (args.options['offline'] === true) {
    throw new AthanorError('INVALID_OPTION', '--all reads every tenant to know what it has pending: it cannot go with --offline')
  }
  const progress = fanOutProgress(args.io)
  let report: LintAllReport
  try {
    report = await lintAll({ ...chosen, ...fan, progress })
  } finally {
    progress.close()
  }
  args.io.stdout.write((format === 'json' ? lintAllJson : lintAllText)(report, process.cwd()))
  if (format === 'text') info(args.io, countsLine(report.tenants))
  refuseFailedTenants(report.tenants, fan)
  const findings = report.groups.flatMap((group) => group.report.findings)
  return findings.some((finding) => atOrAbove(finding.severity, failOn)) ? 1 : 0
}

export const lintVerb: Verb = {
  summary: 'check the SQL that migrations will run for locks, rewrites, failures and data loss (exit 1 on findings)',
  usage:
    'lint [RANGE] [--since REV] [--format text|json|github|sarif] [--fail-on warning|error] [--offline] [--dialect NAME] ' +
    '[--server-version V] [--ddl-lock-timeout T] [--statement-timeout T] [--rules] ' +
    '[--all [--parallel N] [--on-error stop|continue] [--canary N]]    ' +
    '(RANGE: A:B, or a target; default: the revisions not yet applied, or all without a database)',
  options: [
    { name: 'since', value: true, description: 'lint the revisions after REV' },
    { name: 'format', value: true, description: "'text' (default), 'json', 'github' (workflow commands) or 'sarif' (SARIF 2.1.0)" },
    json,
    { name: 'fail-on', value: true, description: "exit 1 on a finding at or above this severity: 'error' (default) or 'warning'" },
    { name: 'offline', description: 'read no database: lint every revision, for the config serverVersion' },
    { name: 'dialect', value: true, description: 'the dialect when the project has no URL: sqlite, postgresql or mysql' },
    { name: 'server-version', value: true, description: "the server version to judge for, over the config's serverVersion" },
    { name: 'rules', description: 'list the rules (code, severity, dialects, what) and exit' },
    // Judged as the run those limits make: give lint the ones given to upgrade.
    ...timeoutOptions.filter((option) => option.name === 'ddl-lock-timeout' || option.name === 'statement-timeout'),
    ...allOptions,
  ],
  async run(args) {
    const { positionals, options, common, io } = args
    const [range] = at(positionals, 1, 'lint')
    const commands = await import('../../command/lint.js')
    const { atOrAbove, lint, ruleInfos } = commands
    if (options['rules'] === true) {
      for (const rule of ruleInfos())
        out(io, `${rule.code.padEnd(28)} ${rule.severity.padEnd(8)} ${rule.dialects.join(',').padEnd(24)} ${rule.what}`)
      return 0
    }
    const format = options['json'] === true ? 'json' : (choice(str(options['format']), Object.keys(FORMATS), 'format') ?? 'text')
    const failOn = choice<LintSeverity>(str(options['fail-on']), ['error', 'warning'], 'fail-on') ?? 'error'
    const dialect = choice<DialectName>(str(options['dialect']), Object.keys(DIALECT_URLS) as DialectName[], 'dialect')
    const since = str(options['since'])
    const serverVersion = str(options['server-version'])
    const chosen = {
      ...common,
      ...(range === undefined ? {} : { range }),
      ...(since === undefined ? {} : { since }),
      ...(dialect === undefined ? {} : { dialect }),
      ...(serverVersion === undefined ? {} : { serverVersion }),
      ...timeoutArgs(options),
    }
    const fan = fanOutArgs(options)
    if (fan !== undefined) return lintTenants(commands, args, chosen, fan, format, failOn)
    const report = await lint({ ...chosen, offline: options['offline'] === true, notice: (line) => info(io, `warning: ${line}`) })
    io.stdout.write(FORMATS[format]!(report, process.cwd()))
    return report.findings.some((finding) => atOrAbove(finding.severity, failOn)) ? 1 : 0
  },
}
