import { info } from '../io.js'
import { at, str, type Verb } from './shared.js'

export const initVerb: Verb = {
  summary: 'create a migrations folder: versions/, config, script template',
  usage: 'init [DIR] [--multidb [--databases default,db1,db2]]',
  options: [
    { name: 'multidb', description: 'several databases: the config maps names to URLs, scripts have one upgrade per database' },
    { name: 'databases', value: true, description: 'with --multidb, the database names, the default first (default: default,db1)' },
  ],
  async run({ positionals, options, common, io }) {
    const [dir] = at(positionals, 1, 'init')
    const names = str(options['databases'])
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
    const multidb = options['multidb'] === true ? (names ?? true) : false
    if (names !== undefined && multidb === false) info(io, 'warning: --databases is ignored without --multidb')
    const { init } = await import('../../command/init.js')
    const result = await init(dir ?? common.directory, {
      ...(common.url ? { url: common.url } : {}),
      ...(common.config ? { config: common.config } : {}),
      multidb,
    })
    for (const file of result.files) info(io, `Created ${file}`)
    if (result.rootConfig !== undefined) {
      info(io, `No config written in ${result.directory}: ${result.rootConfig} names this folder, and commands read that one`)
      if (common.url) info(io, `warning: --url is not written anywhere; set url in ${result.rootConfig}`)
      if (multidb !== false) info(io, `warning: ${result.rootConfig} needs a 'databases' section for --multidb`)
    }
    return 0
  },
}
