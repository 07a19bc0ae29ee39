import { AthanorError } from '../core/errors.js'

/**
 * Imports a database client package. athanor lists `pg`, `mysql2` and
 * `better-sqlite3` as optional peer dependencies, so an application installs
 * only the one its database needs (a PostgreSQL app does not compile SQLite).
 * When the package is missing, the error is one line naming what to install,
 * not Node's "Cannot find package" with a stack. The import is given as a
 * function so each call site keeps its literal specifier, and with it the
 * package's types and the bundler's view of it as external.
 *
 * @example
 * const { default: pg } = await importDriverPackage('pg', 'PostgreSQL', () => import('pg'))
 */
export async function importDriverPackage<Module>(name: string, database: string, load: () => Promise<Module>): Promise<Module> {
  try {
    return await load()
  } catch (error) {
    if (isMissingPackage(error, name)) {
      throw new AthanorError(
        'DRIVER_NOT_INSTALLED',
        `${database} needs the ${name} package, which is not installed: run 'npm install ${name}' in your project`,
        { cause: error },
      )
    }
    throw error
  }
}

/** Node's error for this package itself being absent, not for something it imports. */
function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  // ERR_MODULE_NOT_FOUND from import(), MODULE_NOT_FOUND from require() (see postgresql/pg-package.ts).
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
  return notFound && typeof message === 'string' && message.includes(`'${name}'`)
}
