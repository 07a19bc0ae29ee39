import { AthanorError, isAthanorError } from '../core/errors.js'
import type { DatabaseUrl } from '../core/database-url.js'
import type { DialectName } from '../core/dialect-name.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { LintMigration, ServerVersion } from '../dialect/lint/types.js'
import { dialectNamed, dialects } from '../dialect/registry.js'
import type { PlanStep } from '../revision/types.js'
import { runTimeouts, type RunTimeoutOptions } from '../config/run-timeouts.js'
import { eachDatabase, selectDatabases } from '../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'
import { readHeadsOfProject, withConnection } from '../runtime/connect.js'
import { databaseFileMissing } from '../runtime/database-presence.js'
import { runnerBounds, runnerLockTimeout } from '../runtime/ddl-lock-retry.js'
import type { LintFinding, LintedDatabase, LintReport, LintRuleInfo } from './finding.js'
import { judgeSteps, SUPPRESSION_CODES } from './judge-steps.js'
import { recordSteps } from './record-run.js'

/**
 * What `athanor lint` lints and against what.
 *
 * @example
 * const options: LintOptions = { directory: 'migrations', range: 'ae1027a6acf0:head' }
 */
export interface LintOptions extends CommandOptions, Pick<RunTimeoutOptions, 'ddlLockTimeout' | 'statementTimeout'> {
  /** `A:B`: the revisions after A up to B, as `upgrade A:B --sql`; `B`: up to B from where the database is (or base). */
  readonly range?: string
  /** The revisions after this one, to the heads. */
  readonly since?: string
  /** Only these revisions (what `migrate` just wrote). */
  readonly revisions?: readonly string[]
  /** Read no database: lint from base, with the config's serverVersion. */
  readonly offline?: boolean
  /** The dialect when the project has no URL to tell it. */
  readonly dialect?: DialectName
  /** Over the config's serverVersion (a server read wins over both). */
  readonly serverVersion?: string
  /** Hears a one-line notice: a database that could not be read, so lint went on without it. */
  readonly notice?: (line: string) => void
}

/**
 * Every rule code of every dialect, and those of the suppression findings.
 *
 * @example
 * allRuleCodes().has('create-index-blocking') // true
 */
export function allRuleCodes(): Set<string> {
  return new Set([...Object.values(dialects).flatMap((dialect) => dialect.lint.rules.map((rule) => rule.code)), ...SUPPRESSION_CODES])
}

/**
 * Lints the SQL the chosen revisions would run, rendered exactly as
 * `upgrade --sql` renders it, for each database of the project. With a
 * database it can read, the default range is what is not yet applied, the
 * rules judge for the server's version, and findings are ranked by the
 * rows of the table they touch; without one, every revision, for the
 * config's `serverVersion`.
 *
 * @example
 * const { findings } = await lintProject({ directory: 'migrations', offline: true })
 * findings.filter((finding) => finding.severity === 'error').length // 0 lets CI go on
 */
export async function lintProject(options: LintOptions): Promise<LintReport> {
  const project = await openProject(options)
  const known = checkedRuleCodes(project)
  const results = await eachDatabase(selectDatabases(project, options), (view) => lintDatabase(view, options, known))
  const findings = results.flatMap((result) => result.findings)
  const databases = results.map(({ findings: _, ...linted }) => linted)
  return { findings: rank(findings), rules: ruleInfos(databases.map((linted) => linted.dialect)), databases }
}

/**
 * Every rule code, once the config's `lint.rules` is checked to name only them.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * checkedRuleCodes(await openProject({ directory: 'migrations' })).has('truncate') // true
 */
export function checkedRuleCodes(project: Project): Set<string> {
  const known = allRuleCodes()
  const unknown = Object.keys(project.config.lint?.rules ?? {}).filter((code) => !known.has(code))
  if (unknown.length > 0) {
    throw new AthanorError(
      'INVALID_CONFIG',
      `lint.rules names no rule: ${unknown.map((code) => `'${code}'`).join(', ')} (see athanor lint --rules)`,
    )
  }
  return known
}

/**
 * The rules of the dialects named (every dialect when none), each code
 * once with the dialects that have it, then the suppression findings.
 *
 * @example
 * ruleInfos(['sqlite']).map((rule) => rule.code).includes('sqlite-rebuild') // true
 */
export function ruleInfos(dialectNames: readonly string[] = Object.keys(dialects)): LintRuleInfo[] {
  const byCode = new Map<string, { code: string; severity: LintRuleInfo['severity']; what: string; dialects: string[] }>()
  for (const name of Object.keys(dialects)) {
    if (!dialectNames.includes(name)) continue
    for (const rule of dialectNamed(name).lint.rules) {
      const known = byCode.get(rule.code)
      if (known === undefined) byCode.set(rule.code, { code: rule.code, severity: rule.severity, what: rule.what, dialects: [name] })
      else {
        known.dialects.push(name)
        if (rule.severity === 'error') known.severity = 'error'
      }
    }
  }
  const suppressions: LintRuleInfo[] = [
    { code: 'lint-ignore-without-reason', severity: 'error', what: 'a suppression that gives no reason', dialects: Object.keys(dialects) },
    { code: 'lint-ignore-unknown-code', severity: 'warning', what: 'a suppression of a code no rule has', dialects: Object.keys(dialects) },
  ]
  return [...byCode.values(), ...suppressions]
}

async function lintDatabase(
  view: Project,
  options: LintOptions,
  known: ReadonlySet<string>,
): Promise<LintedDatabase & { findings: LintFinding[] }> {
  const url = databaseUrlOf(view, options)
  const dialect = dialectNamed(url?.dialect ?? options.dialect ?? '')
  const live = url === undefined || options.offline === true ? undefined : await readDatabase(view, url, dialect, options)
  return lintKnown(view, dialect, live, options, known)
}

/**
 * Lints one database's revisions once what it holds is known (`live`), or
 * from base for the config's server version when it is not.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * const project = await openProject({ directory: 'migrations' })
 * const live = { heads: ['ae10'], version: '16.4', rows: new Map([['users', 1200]]) }
 * const { findings } = await lintKnown(project, dialectNamed('postgresql'), live, {}, checkedRuleCodes(project))
 */
export async function lintKnown(
  view: Project,
  dialect: Dialect,
  live: LiveFacts | undefined,
  options: LintOptions,
  known: ReadonlySet<string>,
): Promise<LintedDatabase & { findings: LintFinding[] }> {
  const scripts = await view.scripts()
  const graph = scripts.graph
  const { steps, startHeads } = planRange(options, live?.heads ?? [])
  const version = versionOf(dialect, live?.version ?? options.serverVersion ?? view.config.serverVersion)
  const atStart = live?.schema !== undefined && sameHeads(live.heads, startHeads)
  const recorded = await recordSteps(view, dialect, steps, startHeads, atStart ? live?.schema : undefined)
  const findings = await judgeSteps(recorded, {
    lint: dialect.lint,
    version,
    runnerSets: runnerSetsOf(view.config, dialect, options),
    settings: view.config.lint?.rules ?? {},
    rows: live?.rows,
    ...(view.database === undefined ? {} : { database: view.database }),
    module: (revision) => scripts.loadModule(revision),
    text: (revision) => scripts.text(revision),
    knownCodes: known,
  })
  return {
    dialect: dialect.name,
    serverVersion: version.text,
    revisions: steps.map((step) => step.revision),
    connected: live !== undefined,
    findings,
  }

  function planRange(given: LintOptions, heads: readonly string[]): { steps: PlanStep[]; startHeads: readonly string[] } {
    if (given.revisions !== undefined) {
      const chosen = new Set(given.revisions)
      const startHeads = [...new Set(given.revisions.flatMap((revision) => graph.get(revision).downRevisions))].filter(
        (r) => !chosen.has(r),
      )
      const steps = given.revisions
        .flatMap((revision) => graph.planUpgrade(startHeads, revision))
        .filter((step) => chosen.has(step.revision))
      return { steps: unique(steps), startHeads }
    }
    const range = given.since === undefined ? given.range : `${given.since}:${given.range ?? 'heads'}`
    if (range === undefined) return { steps: graph.planUpgrade(heads, 'heads'), startHeads: heads }
    const colon = range.indexOf(':')
    if (colon < 0) return { steps: graph.planUpgrade(heads, range), startHeads: heads }
    const from = range.slice(0, colon)
    const to = range.slice(colon + 1) || 'heads'
    const startHeads = from === '' || from === 'base' ? [] : graph.resolve(from)
    return { steps: graph.planUpgrade(startHeads, to), startHeads }
  }
}

function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((head) => b.includes(head))
}

function unique(steps: readonly PlanStep[]): PlanStep[] {
  const seen = new Set<string>()
  return steps.filter((step) => !seen.has(step.revision) && seen.add(step.revision) !== undefined)
}

/**
 * The session limits the runner sets itself: the ones given (as `upgrade
 * --ddl-lock-timeout` gives them) or the config's and, where neither sets a
 * ddlLockTimeout, the dialect's default lock timeout (PostgreSQL's 2 s),
 * which only a migration in a transaction runs with (see
 * DdlLockRetry.outsideTransaction); the offline script sets the same
 * (scriptLockTimeout).
 */
function runnerSetsOf(
  config: Project['config'],
  dialect: Dialect,
  given: Pick<RunTimeoutOptions, 'ddlLockTimeout' | 'statementTimeout'>,
): (transactional: boolean) => LintMigration['runnerSets'] {
  const limits = runTimeouts({ ddlLockTimeout: given.ddlLockTimeout, statementTimeout: given.statementTimeout }, config)
  const statementTimeout = limits.statementTimeoutMs !== undefined
  const runner = runnerLockTimeout(
    limits.ddlLockTimeoutMs === undefined ? {} : { ddlLockTimeoutMs: limits.ddlLockTimeoutMs },
    dialect.sessionTimeouts,
  )
  return (transactional) => ({ lockTimeout: runnerBounds(runner, transactional), statementTimeout })
}

/** The project's URL, or none when it has none and `--dialect` says which dialect. */
function databaseUrlOf(view: Project, options: LintOptions): DatabaseUrl | undefined {
  try {
    return view.databaseUrl()
  } catch (error) {
    if (!isAthanorError(error)) throw error
    if (options.dialect !== undefined) return undefined
    throw new AthanorError(error.code, `${error.message}; or name the dialect to lint for with --dialect`, { cause: error })
  }
}

function versionOf(dialect: Dialect, text: string | undefined): ServerVersion {
  if (text === undefined) return dialect.lint.assumedVersion
  const version = dialect.lint.parseVersion(text)
  if (version === undefined)
    throw new AthanorError('INVALID_OPTION', `server version '${text}' names no version number (e.g. '16' or '8.0.36')`)
  return version
}

/** What a database tells lint: where it is, its server's version and its tables' rows. */
export interface LiveFacts {
  readonly heads: readonly string[]
  readonly version: string
  readonly rows: ReadonlyMap<string, number>
  /** What the database holds, as statements, where the dialect renders rebuilds from it (see readSchemaStatements). */
  readonly schema?: readonly string[]
}

/**
 * Where the database is, its version and its tables' rows; `undefined`
 * (with a notice) when it cannot be reached, so lint goes on as offline. A
 * SQLite file that does not exist is at base and is not created.
 */
async function readDatabase(view: Project, url: DatabaseUrl, dialect: Dialect, options: LintOptions): Promise<LiveFacts | undefined> {
  if (databaseFileMissing(url)) return undefined
  try {
    return await withConnection(url, (connection) => readLiveFacts(connection, view, dialect))
  } catch (error) {
    if (!isAthanorError(error) || (error.code !== 'CONNECTION_FAILED' && error.code !== 'DRIVER_NOT_INSTALLED')) throw error
    options.notice?.(`${error.message}; linting every revision without the database`)
    return undefined
  }
}

/**
 * Reads what lint needs of the database a connection is in.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * import { withConnection } from '../runtime/connect.js'
 * const project = await openProject({ directory: 'migrations' })
 * const facts = await withConnection(project.databaseUrl(), (db) => readLiveFacts(db, project, dialectNamed('postgresql')))
 */
export async function readLiveFacts(connection: DatabaseConnection, view: Project, dialect: Dialect): Promise<LiveFacts> {
  return {
    heads: await readHeadsOfProject(connection, view),
    version: await dialect.lint.readVersion(connection),
    rows: await dialect.lint.readTableRows(connection),
    ...(dialect.lint.readSchemaStatements === undefined ? {} : { schema: await dialect.lint.readSchemaStatements(connection) }),
  }
}

/** Findings with rows first, most rows first; the rest in revision order. */
export function rank(findings: readonly LintFinding[]): LintFinding[] {
  return [...findings].sort((a, b) => (b.rows ?? -1) - (a.rows ?? -1))
}
