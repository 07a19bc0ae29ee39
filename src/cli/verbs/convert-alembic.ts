import { AthanorError } from '../../core/errors.js'
import { info } from '../io.js'
import { at, str, type Verb } from './shared.js'

/**
 * `athanor convert-alembic PATH/TO/alembic/versions`: writes the Alembic
 * scripts into the project's versions folder with their ids and parents,
 * and lists the bodies left to port by hand.
 *
 * @example
 * // athanor -d migrations convert-alembic ../legacy/alembic/versions
 */
export const convertAlembicVerb: Verb = {
  summary: 'bring an Alembic versions folder over, keeping its revision ids and parents',
  usage: 'convert-alembic ALEMBIC_VERSIONS_DIR [--version-path DIR] [--dry-run]',
  options: [
    { name: 'version-path', value: true, description: 'the version location to write into' },
    { name: 'dry-run', description: 'list what would be written, write nothing' },
  ],
  async run({ positionals, options, common, io }) {
    const [source] = at(positionals, 1, 'convert-alembic')
    if (source === undefined)
      throw new AthanorError(
        'MISSING_ARGUMENT',
        "convert-alembic needs the Alembic versions folder, e.g. 'athanor convert-alembic alembic/versions'",
      )
    const versionPath = str(options['version-path'])
    const dryRun = options['dry-run'] === true
    const { convertAlembic } = await import('../../command/convert-alembic.js')
    const result = await convertAlembic({ ...common, source, ...(versionPath ? { versionPath } : {}), dryRun })
    for (const id of result.skipped) info(io, `Skipped ${id}: the project already has it`)
    for (const script of result.converted) {
      const manual = [script.upgrade.translated ? '' : 'upgrade', script.downgrade.translated ? '' : 'downgrade'].filter(Boolean)
      const note =
        manual.length === 0 ? '' : ` (port ${manual.join(' and ')} by hand: ${(script.upgrade.reason ?? script.downgrade.reason)!})`
      info(io, `${dryRun ? 'Would write' : 'Wrote'} ${script.path} from ${script.from}${note}`)
    }
    // The bodies to port by hand, together at the end, one per line with its reason.
    const manual = result.converted.flatMap((script) =>
      (['upgrade', 'downgrade'] as const)
        .filter((name) => !script[name].translated)
        .map((name) => `  ${script.path} ${name}: ${script[name].reason!}`),
    )
    if (manual.length > 0) info(io, [`To port by hand (${manual.length}):`, ...manual].join('\n'))
    const done = result.converted.filter((s) => s.upgrade.translated && s.downgrade.translated).length
    if (result.converted.length > 0) info(io, `${done} of ${result.converted.length} revisions converted whole`)
    for (const script of result.leftOut) info(io, `Left out ${script.reason}`)
    return result.leftOut.length > 0 ? 1 : 0
  },
}
