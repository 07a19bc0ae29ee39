import { AthanorError } from '../core/errors.js'

// A global symbol, not a module-local one: the config imports `env` from the
// copy of athanor the project installed, which may not be the copy running
// the command, and both must recognise the reference.
const ENV_BRAND = Symbol.for('athanor.env')

/**
 * A database URL the config reads from an environment variable when a
 * command needs it, after the `.env` files are loaded: made by {@link env}.
 *
 * @example
 * const url: EnvReference = env('DATABASE_URL')
 * url.variable // 'DATABASE_URL'
 */
export interface EnvReference {
  readonly [ENV_BRAND]: true
  /** The variable's name. */
  readonly variable: string
}

/**
 * A database URL taken from the environment variable `variable` (or a
 * `.env` file), read only when a command needs the database. When the
 * variable is not set, that command fails with one line naming it, and
 * nothing is created; the commands that need no database (`revision`,
 * `history`, `heads`) work without it.
 *
 * @example
 * // athanor.config.ts
 * import { defineConfig, env } from 'athanor'
 * export default defineConfig({ url: env('DATABASE_URL'), models: 'src/models.ts' })
 */
export function env(variable: string): EnvReference {
  if (typeof variable !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new AthanorError('INVALID_CONFIG', `env(${JSON.stringify(variable)}): expected a variable name such as 'DATABASE_URL'`)
  }
  return Object.freeze({ [ENV_BRAND]: true as const, variable })
}

/**
 * True for what {@link env} returns, from this copy of athanor or another.
 *
 * @example
 * isEnvReference(env('DATABASE_URL')) // true
 * isEnvReference('sqlite:///app.db') // false
 */
export function isEnvReference(value: unknown): value is EnvReference {
  return typeof value === 'object' && value !== null && (value as { [ENV_BRAND]?: unknown })[ENV_BRAND] === true
}

/**
 * The URL a config setting stands for: the text itself, or the value of the
 * variable an {@link env} reference names; an unset variable is an error
 * naming it and where it may be set.
 *
 * @example
 * const where = { config: 'athanor.config.ts', envFile: '.env' }
 * configuredUrl(env('DATABASE_URL'), { DATABASE_URL: 'sqlite:///app.db' }, where) // 'sqlite:///app.db'
 */
export function configuredUrl(
  value: string | EnvReference,
  environment: Readonly<Record<string, string | undefined>>,
  where: { readonly config: string; readonly envFile: string },
): string {
  if (!isEnvReference(value)) return value
  const url = environment[value.variable]
  const reads = `${where.config} reads the database URL from it (env('${value.variable}'))`
  if (url === undefined) {
    throw new AthanorError(
      'NO_DATABASE_URL',
      `${value.variable} is not set: ${reads}; set it in the environment or in ${where.envFile}, or pass --url`,
    )
  }
  // Set but empty (often exported empty by a shell or a CI template): as a set variable it wins over the .env
  // files, so "set it in .env" would not help where the file already does.
  if (url === '') {
    throw new AthanorError(
      'NO_DATABASE_URL',
      `${value.variable} is empty: ${reads}; give it the URL in the environment or in ${where.envFile} ` +
        '(a variable in the environment, even an empty one, wins over the file), or pass --url',
    )
  }
  return url
}
