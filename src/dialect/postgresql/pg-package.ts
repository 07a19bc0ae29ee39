import { createRequire } from 'node:module'
import { importDriverPackage } from '../driver-package.js'

type Pg = typeof import('pg')['default']

/**
 * The pg package, with what it does on loading made cheap. pg asks at load
 * time whether it runs on Cloudflare Workers (pg/lib/stream.js): by
 * `navigator.userAgent`, and where there is no `navigator`, as on Node 20,
 * by making a fetch `Response`, which loads all of undici: two thirds of
 * pg's load, 20 ms of a `current`. A `navigator` naming Node, as Node 21
 * and later define themselves, stands in while pg loads, synchronously, so
 * no other code runs before it is gone again. Either way the same module is
 * loaded: `import('pg')` elsewhere finds it in the require cache.
 *
 * @example
 * const pg = await importPg()
 * const client = new pg.Client({ host: '127.0.0.1' })
 */
export function importPg(): Promise<Pg> {
  return importDriverPackage('pg', 'PostgreSQL', async () => {
    const require = createRequire(import.meta.url)
    if ('navigator' in globalThis) return require('pg') as Pg
    Reflect.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Node.js' }, configurable: true, writable: true })
    try {
      return require('pg') as Pg
    } finally {
      Reflect.deleteProperty(globalThis, 'navigator')
    }
  })
}
