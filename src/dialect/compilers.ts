import { AthanorError } from '../errors.js'
import { mysqlCompiler } from './mysql/compiler.js'
import { postgresCompiler } from './postgresql/compiler.js'
import { sqliteCompiler } from './sqlite/compiler.js'
import type { DialectCompiler, DialectName } from './types.js'

/**
 * Every dialect's compiler, by name.
 *
 * @example
 * compilers.postgresql.compile(op, 'offline')
 */
export const compilers: Readonly<Record<DialectName, DialectCompiler>> = {
  sqlite: sqliteCompiler,
  postgresql: postgresCompiler,
  mysql: mysqlCompiler,
}

/**
 * The compiler for a dialect name (MariaDB is `mysql`); an unknown name is an
 * `UNSUPPORTED_DIALECT` error.
 *
 * @example
 * getCompiler('sqlite').quoteIdentifier('user') // '"user"'
 */
export function getCompiler(name: string): DialectCompiler {
  const key = name === 'mariadb' ? 'mysql' : name
  const compiler = Object.hasOwn(compilers, key) ? (compilers as Readonly<Record<string, DialectCompiler>>)[key] : undefined
  if (compiler === undefined) {
    throw new AthanorError('UNSUPPORTED_DIALECT', `Unknown dialect "${name}"; expected one of ${Object.keys(compilers).join(', ')}`)
  }
  return compiler
}
