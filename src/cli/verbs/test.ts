import { AthanorError } from '../../core/errors.js'
import { out } from '../io.js'
import { withStopSignals } from '../signals.js'
import { at, models, str, type Verb } from './shared.js'

const FORMATS = ['text', 'json', 'junit'] as const

/**
 * `athanor test [--format text|json|junit]`: tests the migrations on
 * scratch databases. Exit 0 when every test passed or was skipped, 1 when
 * one failed, 2 on a usage error.
 *
 * @example
 * // $ athanor test
 * // scratch: SQLite in memory
 * // ok    single head: head ae1027a6acf0; 3 revisions, each reached from base
 * // …
 * // 6 tests: 5 passed, 0 failed, 1 skipped
 */
export const testVerb: Verb = {
  summary: 'test the migrations on scratch databases: heads, base to head, models, stairway, merges, offline script (exit 1 on a failure)',
  usage: 'test [--format text|json|junit] [--models FILE] [--db NAME] [--url URL]',
  options: [
    { name: 'format', value: true, description: "'text' (default), 'json' (one document on stdout) or 'junit' (JUnit XML)" },
    { name: 'json', description: 'the same as --format json' },
    models,
  ],
  async run({ positionals, options, common, io }) {
    at(positionals, 0, 'test')
    const format = options['json'] === true ? 'json' : (str(options['format']) ?? 'text')
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new AthanorError('INVALID_OPTION', `--format must be ${FORMATS.map((f) => `'${f}'`).join(', ')}, not '${format}'`)
    }
    const modelsFile = str(options['models'])
    const { countOutcomes, testMigrations } = await import('../../command/test.js')
    return withStopSignals(io, async (signal) => {
      const report = await testMigrations({ ...common, ...(modelsFile === undefined ? {} : { models: modelsFile }), signal })
      const summary = countOutcomes(report)
      if (format === 'json') out(io, JSON.stringify({ passed: report.passed, summary, databases: report.databases }, null, 2))
      else if (format === 'junit') io.stdout.write((await import('../test-junit.js')).junitXml(report))
      else for (const line of (await import('../test-text.js')).testReportLines(report)) out(io, line)
      return report.passed ? 0 : 1
    })
  },
}
