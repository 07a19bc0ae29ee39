/**
 * The part of `athanor` a config file, and many scripts, import: what
 * declares a config, reads the environment, names a column type or a
 * default, and the errors. The full library is some eighty modules (every
 * command, the differ, the introspectors) and took longer to load than the
 * rest of `athanor history`; a module whose every import from `athanor` is
 * here is pointed at this entry instead (see relocate in
 * script/direct-import.ts). Built as an entry of the same bundle as the
 * library and the CLI, so these are the very functions and classes the
 * library exports, not copies.
 *
 * @example
 * import { defineConfig, env } from 'athanor' // in athanor.config.ts: loads this entry only
 * export default defineConfig({ url: env('DATABASE_URL') })
 */
export { defineConfig } from './config/config.js'
export { env } from './config/env-reference.js'
export { parseDatabaseUrl, redactUrl } from './core/database-url.js'
export { t, sql } from './schema/column-types.js'
export { AthanorError, isAthanorError, ERROR_CODES, errorCodeInfo } from './core/errors.js'
export {
  AmbiguousRevisionError,
  ConnectionError,
  LockTimeoutError,
  MigrationFailedError,
  MultipleHeadsError,
  RevisionNotFoundError,
  SqlError,
  UnresolvedMigrationError,
} from './core/error-classes.js'
