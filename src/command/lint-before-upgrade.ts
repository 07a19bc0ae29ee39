import { relative } from 'node:path'
import { AthanorError } from '../core/errors.js'
import { openProject } from '../config/project.js'
import type { LintReport } from '../lint/finding.js'
import { lintProject } from '../lint/lint-project.js'
import type { MigrateOptions } from '../runtime/run-migrations.js'

/**
 * Options of `upgrade` beyond a run's: whether it lints first.
 *
 * @example
 * const options: UpgradeOptions = { directory: 'migrations', lint: 'error', onLint: (report) => console.error(report.findings) }
 */
export interface UpgradeOptions extends MigrateOptions {
  /**
   * Lint the migrations about to run before touching anything: `'error'`
   * refuses (`LINT_FAILED`) when a finding is an error, `'warn'` only
   * reports; default: the config's `lint.onUpgrade`, else `'off'`.
   */
  readonly lint?: 'warn' | 'error' | 'off'
  /** Hears the lint report, when there was one with findings. */
  readonly onLint?: (report: LintReport) => void
}

/**
 * `upgrade --lint`: lints what the upgrade to `target` would run (offline
 * for `--sql`), before the lock or any statement; refuses when asked to and
 * a finding is an error.
 *
 * @example
 * await lintBeforeUpgrade({ directory: 'migrations', lint: 'error' }, 'head') // throws LINT_FAILED on an error finding
 */
export async function lintBeforeUpgrade(options: UpgradeOptions, target: string): Promise<void> {
  const mode = options.lint ?? (await openProject(options)).config.lint?.onUpgrade ?? 'off'
  if (mode === 'off') return
  const report = await lintProject({ ...options, range: target, offline: options.sql === true })
  if (report.findings.length > 0) options.onLint?.(report)
  const errors = report.findings.filter((finding) => finding.severity === 'error')
  const first = errors[0]
  if (mode !== 'error' || first === undefined) return
  throw new AthanorError(
    'LINT_FAILED',
    `upgrade refused: lint found ${errors.length} error${errors.length === 1 ? '' : 's'} in the migrations to run ` +
      `(first: ${relative(process.cwd(), first.file) || first.file}:${first.line} ${first.code}); nothing was run. ` +
      'Fix or suppress them (// athanor-lint-ignore CODE: reason), or upgrade without --lint',
  )
}
